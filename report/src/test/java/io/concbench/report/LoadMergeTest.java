package io.concbench.report;

import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadMergeTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_764_000_000_000L;

    private static Histogram histogram(int digits, long value, long count) {
        Histogram h = new Histogram(1, 60 * SECOND, digits);
        h.recordValueWithCount(value, count);
        return h;
    }

    /** An open-loop agent result: {@code requests} answers at {@code latencyNanos}, {@code timeouts} timeouts. */
    private static LoadResult agent(String segment, String url, int digits, long latencyNanos, long requests, long timeouts,
                                    boolean rateHeld, long startMillis, long windowNanos) {
        LatencySummary lat = LatencySummary.of(histogram(digits, latencyNanos, requests));
        LatencySummary uncorrected = LatencySummary.of(histogram(digits, latencyNanos / 2, requests));
        LatencySummary lag = LatencySummary.of(histogram(digits, 1_000, requests));
        ClientCpu cpu = ClientCpu.of(SECOND / 4, windowNanos, 1);
        return new LoadResult("concbench load dev", url, LoadResult.OPEN, 50, 1, 1, 500, 0, windowNanos, requests,
                requests / (windowNanos / 1e9), requests + timeouts, (requests + timeouts) / (windowNanos / 1e9),
                requests + timeouts + (rateHeld ? 0 : 100), rateHeld, 0L, requests * 100, lat, uncorrected,
                ErrorCounts.NONE.plus(ErrorClass.TIMEOUT, timeouts), cpu, "OpenJDK 25", startMillis, lag,
                new LoadResult.Connects(50, 0, 0, 0, 0, 0L, 0L), null,
                List.of(new LoadResult.Agent(segment, T0, 0, 50, 500, requests, rateHeld, cpu)));
    }

    private static LoadResult agent(String segment, long latencyNanos, long requests) {
        return agent(segment, "http://127.0.0.1:8080/plaintext", 3, latencyNanos, requests, 0, true, T0, 10 * SECOND);
    }

    @Test
    void mergeAddsHistogramsAndSumsCounts() {
        LoadResult a = agent("0/2", "http://127.0.0.1:8080/plaintext", 3, 1_000_000, 9_000, 3, true, T0, 10 * SECOND);
        LoadResult b = agent("1/2", "http://127.0.0.1:8080/plaintext", 3, 50_000_000, 1_000, 2, true, T0 + 4, 10 * SECOND);
        LoadResult m = LoadMerge.merge(List.of(a, b));

        Histogram expected = a.latency().decodeHistogram();
        expected.add(b.latency().decodeHistogram());
        assertEquals(expected, m.latency().decodeHistogram());
        assertEquals(10_000, m.latency().count());
        // 90 % of requests at 1 ms, 10 % at 50 ms: the merged p99 is 50 ms, which no average of the agents' p99s gives.
        assertEquals(expected.getValueAtPercentile(99), m.latency().p99Nanos());
        assertTrue(m.latency().p99Nanos() > 49_000_000, "p99 " + m.latency().p99Nanos());
        assertEquals(10_000, m.requests());
        assertEquals(10_005L, m.sent());
        assertEquals(5, m.errors().total());
        assertEquals(3 + 2, m.errors().get(ErrorClass.TIMEOUT));
        assertEquals(100, m.connections());
        assertEquals(1000.0, m.requestedRate());
        assertEquals(10 * SECOND, m.durationNanos());
        assertEquals(T0, m.startedAtEpochMillis());
        assertEquals(10_000, m.uncorrectedLatency().count());
        assertEquals(10_000, m.sendLag().count());
        assertTrue(m.rateHeld());
        assertEquals(100, m.connects().opened());
        assertNull(m.connects().timeWaitBefore(), "TIME_WAIT is per machine, absent once merged");
        assertEquals(2, m.agents().size());
        assertEquals(List.of("0/2", "1/2"), m.agents().stream().map(LoadResult.Agent::segment).toList());
        assertEquals(SECOND / 2, m.clientCpu().cpuNanos());
        assertEquals(a.clientCpu().percentOfOneCore() + b.clientCpu().percentOfOneCore(), m.clientCpu().percentOfOneCore());
    }

    @Test
    void rateIsHeldOnlyIfEveryAgentHeldItsShare() {
        LoadResult a = agent("0/2", 1_000_000, 1000);
        LoadResult b = agent("1/2", "http://127.0.0.1:8080/plaintext", 3, 1_000_000, 1000, 0, false, T0, 10 * SECOND);
        LoadResult m = LoadMerge.merge(List.of(a, b));
        assertFalse(m.rateHeld());
        assertEquals(List.of(true, false), m.agents().stream().map(LoadResult.Agent::rateHeld).toList());
        assertEquals(2_100L, m.scheduled());
    }

    @Test
    void mismatchedInputsAreRefusedWithOneLine() {
        LoadResult a = agent("0/2", 1_000_000, 1000);
        assertRefused("URL", a, agent("1/2", "http://127.0.0.1:9090/plaintext", 3, 1_000_000, 1000, 0, true, T0, 10 * SECOND));
        assertRefused("significant digits", a, agent("1/2", "http://127.0.0.1:8080/plaintext", 2, 1_000_000, 1000, 0, true, T0, 10 * SECOND));
        assertRefused("measured", a, agent("1/2", "http://127.0.0.1:8080/plaintext", 3, 1_000_000, 1000, 0, true, T0, 5 * SECOND));
        assertRefused("--start-at", a, agent("1/2", "http://127.0.0.1:8080/plaintext", 3, 1_000_000, 1000, 0, true, T0 + 5_000, 10 * SECOND));
        assertRefused("given twice", a, agent("0/2", 1_000_000, 1000));
        assertRefused("1/2 missing", a);
        assertRefused("share of 3", a, agent("1/3", 1_000_000, 1000));
        assertRefused("nothing to merge");
    }

    private static void assertRefused(String expected, LoadResult... in) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadMerge.merge(List.of(in)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
