/**
 * Turns one {@code scripts/micro} run — JMH's own JSON ({@code -rf json}) and the sleepers
 * experiment's JSON lines — into the Markdown summary written beside them. The JSON stays the
 * record (jmh-visualizer reads it as is); the Markdown is for reading in a terminal or a review.
 */
package io.concbench.micro.report;
