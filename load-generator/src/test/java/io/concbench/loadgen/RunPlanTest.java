package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open-loop schedule, with a clock that is only numbers. */
class RunPlanTest {

    private static final long START = 1_000_000_000_000L;

    private static RunPlan plan(int connections, double rate) {
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withConnections(connections).withRate(rate)
                .withDuration(Duration.ofSeconds(10));
        return RunPlan.of(o, new InetSocketAddress(1), START);
    }

    /** Every intended start of every connection in [START, START + spanNanos), sorted. */
    private static List<Long> stream(RunPlan p, int connections, long spanNanos) {
        List<Long> all = new ArrayList<>();
        for (int j = 0; j < connections; j++) {
            long anchor = p.anchorNanos(j);
            for (long k = 0; ; k++) {
                long t = p.intendedNanos(anchor, k);
                if (t >= START + spanNanos) {
                    break;
                }
                all.add(t);
            }
        }
        Collections.sort(all);
        return all;
    }

    @Test
    void connectionsInterleaveIntoOneEvenStream() {
        RunPlan p = plan(4, 1000);
        List<Long> all = stream(p, 4, 1_000_000_000L);
        assertEquals(1000, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertEquals(1_000_000L, all.get(i) - all.get(i - 1), "gap before request " + i);
        }
    }

    @Test
    void rateBelowConnectionsGivesEachConnectionAPeriodLongerThanASecond() {
        RunPlan p = plan(100, 10);
        assertEquals(10_000_000_000.0, p.connectionPeriodNanos());
        List<Long> all = stream(p, 100, 10_000_000_000L);
        assertEquals(100, all.size(), "one request per connection in 10 s");
        for (int i = 1; i < all.size(); i++) {
            assertEquals(100_000_000L, all.get(i) - all.get(i - 1));
        }
    }

    @Test
    void nanosecondResolutionForRatesThatDoNotDivideASecond() {
        RunPlan p = plan(3, 7);
        List<Long> all = stream(p, 3, 3_000_000_000L);
        assertEquals(21, all.size());
        double step = 1e9 / 7;
        for (int i = 1; i < all.size(); i++) {
            long gap = all.get(i) - all.get(i - 1);
            assertTrue(Math.abs(gap - step) <= 2, "gap " + gap);   // two truncations to whole nanoseconds
        }
    }

    @Test
    void firstSlotAtOrAfterIsExact() {
        RunPlan p = plan(3, 7);
        long anchor = p.anchorNanos(2);
        for (long k = 0; k < 50; k++) {
            long t = p.intendedNanos(anchor, k);
            assertEquals(k, p.firstSlotAtOrAfter(anchor, t));
            assertEquals(k + 1, p.firstSlotAtOrAfter(anchor, t + 1));
        }
        assertEquals(0, p.firstSlotAtOrAfter(anchor, anchor - 5));
    }

    @Test
    void warmupShiftsMeasuringAndTheEnd() {
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withWarmup(Duration.ofSeconds(2))
                .withDuration(Duration.ofSeconds(5));
        RunPlan p = RunPlan.of(o, new InetSocketAddress(1), START);
        assertEquals(START + 2_000_000_000L, p.measureStartNanos());
        assertEquals(START + 7_000_000_000L, p.endNanos());
        RunPlan counted = RunPlan.of(o.withRequests(10).withDuration(Duration.ZERO), new InetSocketAddress(1), START);
        assertEquals(Long.MAX_VALUE, counted.endNanos());
    }

    @Test
    void connectRateSpacesTheConnects() {
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withConnections(10).withConnectRate(100);
        RunPlan p = RunPlan.of(o, new InetSocketAddress(1), START);
        assertEquals(START, p.connectAtNanos(0));
        assertEquals(START + 90_000_000L, p.connectAtNanos(9));
    }
}
