package io.concbench.reproduce;

/**
 * Thrown while judging when a figure is missing: its experiment failed, or its file lacks the
 * value. The claim then reads "not measured: {@link #getMessage()}"; the run goes on.
 */
final class NotMeasured extends RuntimeException {

    NotMeasured(String reason) {
        super(reason, null, false, false);
    }
}
