package io.concbench.reproduce;

/**
 * Thrown while judging when a figure is missing: its experiment failed, or its file lacks the
 * value. The claim then reads "not measured: {@link #getMessage()}"; the run goes on.
 */
class NotMeasured extends RuntimeException {

    NotMeasured(String reason) {
        super(reason, null, false, false);
    }

    /**
     * The run has no record of the experiment at all: it was made before the experiment existed, or
     * without the tables that need it. Its claims read "no experiment yet", not "not measured".
     */
    static final class NotRun extends NotMeasured {

        NotRun(String experiment) {
            super("this run has no experiment " + experiment + " (made before it existed, or without it)");
        }
    }
}
