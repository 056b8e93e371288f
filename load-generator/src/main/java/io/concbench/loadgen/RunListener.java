package io.concbench.loadgen;

/**
 * What a caller hears while a run goes on. Called on the thread that called {@link LoadRun#execute()},
 * about once a second; an implementation must return quickly (it delays the next interval).
 */
public interface RunListener {

    RunListener NONE = new RunListener() { };

    /** Still warming up; {@code remainingNanos} until measuring starts. */
    default void warmingUp(long remainingNanos) { }

    /** One measured second has passed. */
    default void progress(Progress p) { }

    /**
     * Once a second while measuring.
     *
     * @param elapsedNanos since measuring started
     * @param requestsPerSecond responses in the last interval, per second
     * @param p99Nanos corrected 99th percentile so far
     * @param errors errors so far, every class
     */
    record Progress(long elapsedNanos, double requestsPerSecond, long p99Nanos, long errors) { }
}
