package io.concbench.reproduce;

/** What the measurements say about one claim of the chapter. */
enum Verdict {
    HOLDS("holds"),
    DIRECTION_ONLY("holds in direction, not in magnitude"),
    /** The interval covers both "no difference" (or the opposite) and the claimed effect. */
    INCONCLUSIVE("inconclusive"),
    DOES_NOT_HOLD("does not hold"),
    /** A tautology: true of any multi-process design, so measuring it proves nothing; not counted among holds. */
    BY_CONSTRUCTION("true by construction"),
    /** Advice or a property of code, with nothing to measure. */
    NOT_A_CLAIM("not a measurable claim"),
    /** Needs hardware or an OS feature this machine lacks. */
    NOT_MEASURABLE("not measurable on this machine"),
    /** Measurable with the project's tools, but no experiment measures it yet. */
    NO_EXPERIMENT("no experiment yet"),
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
