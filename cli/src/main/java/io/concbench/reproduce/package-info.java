/**
 * {@code concbench reproduce}: runs, for each of the chapter's tables T1–T13, the experiments that
 * measure its claims (compare matrices, the memory-per-connection step, JMH benchmarks, the sleepers
 * experiment, the T7 demonstration in a child JVM), then judges every claim from the JSON the
 * experiments wrote and renders {@code results/chapter/<timestamp>/chapter-tables.md}.
 *
 * <p>Two phases, kept apart on purpose: experiments only write files; judging and rendering only
 * read them back ({@link io.concbench.reproduce.Reproduce#render}). So every measured cell comes from
 * a file beside the document, and the document can be re-rendered from a finished run.
 *
 * <p>A failed experiment never stops the run: the claims that need it read "not measured: reason"
 * and the others are judged as usual.
 */
package io.concbench.reproduce;
