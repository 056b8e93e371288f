package io.concbench.harness.result;

import java.util.List;

/**
 * What {@code concbench load --max-rate --slo pNN=T} found: the highest open-loop rate whose
 * corrected latency percentile stayed at or under the target, with every step it tried, in order.
 *
 * @param percentile the percentile of the objective, e.g. 99.0
 * @param targetNanos the latency that percentile must not exceed
 * @param maxRate the highest rate that met the objective; 0 when none did
 * @param steps every step, in the order run
 */
public record RateSearchResult(double percentile, long targetNanos, double maxRate, List<Step> steps) {

    public RateSearchResult {
        steps = List.copyOf(steps);
    }

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
