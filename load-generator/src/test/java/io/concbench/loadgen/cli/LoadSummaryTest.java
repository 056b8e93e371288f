package io.concbench.loadgen.cli;

import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadSummaryTest {

    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

    private static LatencySummary all(long nanos) {
        Histogram h = new Histogram(1, TimeUnit.HOURS.toNanos(1), 3);
        h.recordValueWithCount(nanos, 100);
        return LatencySummary.of(h);
    }

    private static LoadResult open(LatencySummary sendLag, LoadResult.Connects connects) {
        return new LoadResult("concbench load", "http://127.0.0.1:1/", LoadResult.OPEN, 32, 1, 1, 5_000, 0,
                TimeUnit.SECONDS.toNanos(1), 100, 100, 100L, 100.0, 100L, true, 0L, 0, all(3_800 * US), all(480 * US),
                ErrorCounts.NONE, null, "jvm", 0, sendLag, connects);
    }

    private static String print(LoadResult r) {
        StringWriter s = new StringWriter();
        LoadSummary.print(r, new PrintWriter(s));
        return s.toString();
    }

    @Test
    void aSendLagThatIsASizeableShareOfTheCorrectedP99IsFlagged() {
        String out = print(open(all(3_300 * US), null));
        assertTrue(out.contains("    send lag        3.301     3.301     3.301"), out);
        assertTrue(out.contains("CLIENT LATE: the client's own lateness is 87 % of this figure (send lag p99 3.301 ms"
                + " of corrected p99 3.801 ms)"), out);
    }

    @Test
    void aSmallSendLagIsShownButNotFlaggedAndAnUnmeasuredOneIsNotShown() {
        String small = print(open(all(100 * US), null));
        assertTrue(small.contains("    send lag "), small);
        assertFalse(small.contains("CLIENT LATE"), small);
        String old = print(open(null, null));
        assertFalse(old.contains("send lag "), old);
        assertFalse(old.contains("CLIENT LATE"), old);
    }

    @Test
    void connectFailuresAreNamedByCause() {
        LoadResult.Connects c = new LoadResult.Connects(1_000, 17_976, 2, 3, 0, 15_000L, 0L);
        assertEquals("connect failures over the whole run, warmup included: 17,981 of 18,981 attempts:"
                + " 17,976 local ports exhausted (EADDRNOTAVAIL; 15,000 sockets towards the target were in TIME_WAIT"
                + " when the run began: wait a minute or widen net.ipv4.ip_local_port_range),"
                + " 2 refused (nothing listening, or its accept queue full),"
                + " 3 timed out (SYNs unanswered: a full listen backlog?)", LoadSummary.connects(c));
        assertTrue(print(open(null, c)).contains("  connect failures over the whole run"));
        assertEquals("", LoadSummary.connects(new LoadResult.Connects(10, 0, 0, 0, 0, 0L, 0L)));
        assertEquals("", LoadSummary.connects(null), "older results say nothing");
    }
}
