package io.concbench.reproduce;

/**
 * A verdict and the reason for it, in words a reader can check against the figures.
 *
 * @param verdict the verdict
 * @param why one sentence: which rule decided and on what numbers
 */
record Judgement(Verdict verdict, String why) {}
