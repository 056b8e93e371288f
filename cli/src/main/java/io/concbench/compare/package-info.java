/**
 * {@code concbench compare}: runs the matrix of models × workloads × connections × repeats, each run in
 * a fresh server JVM and a fresh client JVM pinned to their own CPUs, samples the server's process
 * tree, measures memory per idle connection, and writes one JSON per run plus summaries and charts.
 *
 * <p>The orchestrating JVM stays idle while a run measures: it only samples /proc once a second.
 */
package io.concbench.compare;
