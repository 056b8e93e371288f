package io.concbench.reproduce;

/** What the measurements say about one claim of the chapter. */
enum Verdict {
    HOLDS("holds"),
    DIRECTION_ONLY("holds in direction, not in magnitude"),
    DOES_NOT_HOLD("does not hold"),
    NOT_MEASURABLE("not measurable here"),
    /** The experiment behind the claim failed or left no figure for it. */
    NOT_MEASURED("not measured");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
