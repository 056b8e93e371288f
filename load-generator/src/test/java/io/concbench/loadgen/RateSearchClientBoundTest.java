package io.concbench.loadgen;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RateSearchResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** When a failed --max-rate step is the client's, not the server's. */
class RateSearchClientBoundTest {

    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);
    private static final RateSearch.Objective P99_2MS = new RateSearch.Objective(99, 2_000 * US);

    /** 1,000 samples, all {@code nanos}: every percentile is that value. */
    private static LatencySummary all(long nanos) {
        Histogram h = new Histogram(1, EventLoop.HIGHEST_TRACKABLE_NANOS, EventLoop.SIGNIFICANT_DIGITS);
        h.recordValueWithCount(nanos, 1_000);
        return LatencySummary.of(h);
    }

    private static RateSearchResult.Step step(long correctedNanos, long uncorrectedNanos, LatencySummary sendLag,
                                              ErrorCounts errors) {
        LatencySummary corrected = all(correctedNanos);
        LoadResult r = new LoadResult("concbench load", "http://127.0.0.1:1/", LoadResult.OPEN, 32, 1, 1, 5_000, 0,
                TimeUnit.SECONDS.toNanos(1), 1_000, 1_000, 1_000L, 1_000.0, 1_000L, true, 0L, 0, corrected,
                all(uncorrectedNanos), errors, null, "jvm", 0, sendLag, null);
        return new RateSearchResult.Step(5_000, false, corrected.p99Nanos(), "p99 > 2 ms", r);
    }

    @Test
    void serverWithinTheTargetAndTheClientLateIsClientBound() {
        // As seen against nginx: corrected p99 3.8 ms, uncorrected 0.48 ms, the rest the client's lateness.
        RateSearchResult.ClientBound b = RateSearch.clientBound(
                step(3_800 * US, 480 * US, all(3_300 * US), ErrorCounts.NONE), P99_2MS);
        assertEquals(5_000, b.rate());
        assertEquals(all(3_300 * US).p99Nanos(), b.sendLagP99Nanos());
        assertEquals(all(480 * US).p99Nanos(), b.uncorrectedNanos());
    }

    @Test
    void aServerAnsweringOutsideTheTargetFailsTheStepItself() {
        assertNull(RateSearch.clientBound(step(3_800 * US, 2_500 * US, all(1_500 * US), ErrorCounts.NONE), P99_2MS));
    }

    @Test
    void aSendLagBeyondTheTargetIsTheClientsWhateverTheServerDid() {
        // Both stalled (a shared machine): the server's 2.5 ms is over the target, but so is the client's 3 ms lag alone.
        RateSearchResult.ClientBound b = RateSearch.clientBound(
                step(4_300 * US, 2_500 * US, all(3_000 * US), ErrorCounts.NONE), P99_2MS);
        assertEquals(all(3_000 * US).p99Nanos(), b.sendLagP99Nanos());
    }

    @Test
    void aSendLagBelowTheShareIsNotTheClientsFailure() {
        // 0.9 ms of 3.8 ms is 24 %: under LoadResult.CLIENT_LATENESS_SHARE.
        assertNull(RateSearch.clientBound(step(3_800 * US, 480 * US, all(900 * US), ErrorCounts.NONE), P99_2MS));
    }

    @Test
    void errorsOrAnUnmeasuredSendLagNeverMakeAStepClientBound() {
        assertNull(RateSearch.clientBound(step(3_800 * US, 480 * US, null, ErrorCounts.NONE), P99_2MS));
        assertNull(RateSearch.clientBound(step(3_800 * US, 480 * US, all(3_300 * US),
                ErrorCounts.NONE.plus(ErrorClass.TIMEOUT, 1)), P99_2MS));
    }
}
