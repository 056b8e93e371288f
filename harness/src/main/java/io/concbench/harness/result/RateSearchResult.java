package io.concbench.harness.result;

import java.util.List;

/**
 * What {@code concbench load --max-rate --slo pNN=T} found: the highest open-loop rate whose
 * corrected latency percentile stayed at or under the target, with every step it tried, in order.
 *
 * @param percentile the percentile of the objective, e.g. 99.0
 * @param targetNanos the latency that percentile must not exceed
 * @param maxRate the highest rate that met the objective; 0 when none did. When {@code clientBound}
 *                is set this is not the server's limit, only a rate below it
 * @param steps every step, in the order run
 * @param clientBound where the search stopped because the client, not the server, failed the
 *                    objective; null when it did not (and in results written before this was checked)
 */
public record RateSearchResult(double percentile, long targetNanos, double maxRate, List<Step> steps,
                               ClientBound clientBound) {

    public RateSearchResult {
        steps = List.copyOf(steps);
    }

    /** A search the client did not stop. */
    public RateSearchResult(double percentile, long targetNanos, double maxRate, List<Step> steps) {
        this(percentile, targetNanos, maxRate, steps, null);
    }

    /**
     * The step at which the client's own lateness, not the server, failed the objective: the server
     * answered within the target (uncorrected percentile) but requests left late.
     *
     * @param rate the step's rate
     * @param sendLagP99Nanos the step's send-lag p99
     * @param uncorrectedNanos the step's uncorrected latency at the objective's percentile
     */
    public record ClientBound(double rate, long sendLagP99Nanos, long uncorrectedNanos) {}

    /**
     * One open-loop run of the search.
     *
     * @param rate the rate requested
     * @param met whether it met the objective: rate held, no errors, corrected percentile within target
     * @param percentileNanos the corrected latency at the objective's percentile
     * @param why why it failed, or empty when it met the objective
     * @param result the full result of the step
     */
    public record Step(double rate, boolean met, long percentileNanos, String why, LoadResult result) {}
}
