package io.concbench.reproduce;

/**
 * A claim's measured value and its judgement.
 *
 * @param measured the measured value as the document shows it
 * @param judgement verdict and reason
 * @param source the file(s) and JSON field(s) behind {@code measured}
 */
record Assessment(String measured, Judgement judgement, String source) {

    static Assessment of(Measured m, Judgement j) {
        return new Assessment(m.text(), j, m.source());
    }
}
