package io.concbench.loadgen;

import io.concbench.harness.result.LoadResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Segments, --start-at and --source-addresses against a real server on loopback: counts, never speed. */
class SegmentRunTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void segmentsOfAClosedRunAnswerTheirShareOfNExactly() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadOptions whole = LoadOptions.defaults(s.url("/")).withConnections(5).withRequests(101);
            long total = 0;
            for (int i = 0; i < 3; i++) {
                LoadResult r = new LoadRun(whole.withSegment(new Segment(i, 3))).execute();
                assertEquals(i < 2 ? 2 : 1, r.connections(), "connections 0..4 dealt round-robin to 3 agents");
                assertEquals(i < 2 ? 34 : 33, r.requests());
                assertEquals(i + "/3", r.agents().get(0).segment());
                total += r.requests();
            }
            assertEquals(101, total);
        }
    }

    @Test
    void anAgentReadyAfterStartAtSaysSoAndCountsFromTheCommonStart() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            long startAt = System.currentTimeMillis() - 300;         // the common start passed 300 ms ago
            LoadOptions o = LoadOptions.defaults(s.url("/")).withConnections(2).withRate(100)
                    .withDuration(Duration.ofSeconds(1)).withSegment(new Segment(1, 2)).withStartAt(startAt);
            LoadRun run = new LoadRun(o);
            LoadResult r = run.execute();
            assertTrue(run.lateNanos() >= 250 * MS, "late " + run.lateNanos() / 1e6 + " ms");
            assertEquals(run.lateNanos(), r.agents().get(0).lateNanos());
            assertEquals(startAt, r.agents().get(0).startAtEpochMillis());
            // Its window is the common one: requests due while it was not ready still count (as late), none is forgiven.
            assertTrue(Math.abs(r.startedAtEpochMillis() - startAt) <= 5, "window starts at --start-at: "
                    + (r.startedAtEpochMillis() - startAt) + " ms off");
            assertTrue(Math.abs(r.scheduled() - 50) <= 1, "1 s at its half of 100 req/s: " + r.scheduled());
            assertTrue(r.latency().maxNanos() >= 200 * MS, "the first requests were due before it was ready");
        }
    }

    @Test
    void connectionsBoundToSourceAddressesAreAnswered() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadOptions o = LoadOptions.defaults(s.url("/")).withConnections(4).withRequests(40)
                    .withSourceAddresses(SourceAddresses.parse("127.0.0.2-127.0.0.3"));
            LoadResult r = new LoadRun(o).execute();
            assertEquals(40, r.requests());
            assertEquals(0, r.errors().total());
            assertNull(r.agents(), "one client, not an agent");
        }
    }

    @Test
    void aSourceAddressNotOfThisMachineIsRefusedBeforeAnyConnect() {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadOptions o = LoadOptions.defaults(s.url("/")).withConnections(1).withRequests(1)
                    .withSourceAddresses(SourceAddresses.parse("192.0.2.7"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoadRun(o).execute());
            assertTrue(e.getMessage().startsWith("--source-addresses: cannot bind to 192.0.2.7"), e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
