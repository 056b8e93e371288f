package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentPlanTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 1);
    private static final long START = 1_000_000_000L;

    private static LoadOptions openLoop(int connections, double rate) {
        return LoadOptions.defaults("http://127.0.0.1:1/").withConnections(connections).withRate(rate)
                .withDuration(Duration.ofSeconds(2));
    }

    /** Every intended start in [start, end) of the connections {@code indices}, in send order. */
    private static List<Long> schedule(LoadOptions o, int[] indices) {
        RunPlan plan = RunPlan.of(o, SERVER, START);
        List<Long> times = new ArrayList<>();
        for (int j : indices) {
            long anchor = plan.anchorNanos(j);
            for (long k = 0; plan.intendedNanos(anchor, k) < plan.endNanos(); k++) {
                times.add(plan.intendedNanos(anchor, k));
            }
        }
        times.sort(null);
        return times;
    }

    @Test
    void segmentSchedulesInterleaveIntoTheSingleClientScheduleExactly() {
        for (int c : new int[] {12, 10, 7}) {
            LoadOptions whole = openLoop(c, 3_000);
            List<Long> single = schedule(whole, Segment.WHOLE.connectionsOf(c));
            assertTrue(Math.abs(single.size() - 6_000) <= 1, "2 s at 3,000 req/s: " + single.size());
            for (int n : new int[] {2, 3, 4}) {
                List<Long> union = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    LoadOptions agent = whole.withSegment(new Segment(i, n));
                    List<Long> mine = schedule(agent, agent.segment().connectionsOf(c));
                    if (c % n == 0) {
                        // Agent i sends the aggregate stream's requests i, i+N, i+2N, ...: interleaved, not bursts.
                        for (int k = 0; k < mine.size(); k++) {
                            assertEquals(single.get(k * n + i), mine.get(k), "c=" + c + " agent " + i + "/" + n + " request " + k);
                        }
                    }
                    union.addAll(mine);
                }
                union.sort(null);
                assertEquals(single, union, "c=" + c + ", " + n + " agents");
            }
        }
    }

    @Test
    void segmentsDealConnectionsAndRequestsRoundRobin() {
        assertEquals(List.of(1, 4, 7), toList(new Segment(1, 3).connectionsOf(9)));
        assertEquals(List.of(2, 5), toList(new Segment(2, 3).connectionsOf(7)));
        long total = 0;
        for (int i = 0; i < 3; i++) {
            total += new Segment(i, 3).shareOf(1_001);
        }
        assertEquals(1_001, total);
        assertEquals(334, new Segment(0, 3).shareOf(1_001));
        assertEquals(333, new Segment(2, 3).shareOf(1_001));
    }

    @Test
    void badSegmentsAreRefusedWithTheOptionNamed() {
        for (String s : new String[] {"3/3", "-1/2", "1/0", "x", "1/2/3", "a/b"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segment.parse(s), s);
            assertTrue(e.getMessage().startsWith("--segment"), e.getMessage());
        }
        assertEquals(new Segment(2, 5), Segment.parse("2/5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> openLoop(2, 100).withSegment(new Segment(2, 3)));
        assertTrue(e.getMessage().contains("more shares than connections"), e.getMessage());
    }

    @Test
    void sourceAddressesParseListsAndRangesAndAreUsedRoundRobin() {
        assertEquals(8, SourceAddresses.parse("127.0.0.1-127.0.0.8").size());
        assertEquals("/127.0.0.3", SourceAddresses.parse("127.0.0.1-127.0.0.8").get(2).toString());
        assertEquals(3, SourceAddresses.parse("127.0.0.1, 127.0.0.5-127.0.0.6").size());
        for (String bad : new String[] {"127.0.0.8-127.0.0.1", "127.0.0.1-127.0.1.2", "localhost", "127.0.0.256"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceAddresses.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--source-addresses"), e.getMessage());
        }
        RunPlan plan = RunPlan.of(openLoop(10, 100).withSourceAddresses(SourceAddresses.parse("127.0.0.1-127.0.0.3")), SERVER, START);
        assertEquals("127.0.0.2", plan.sourceFor(4).getHostString());
        assertEquals(null, RunPlan.of(openLoop(10, 100), SERVER, START).sourceFor(4));
    }

    @Test
    void theLocalPortRangeIsReadAndSetsHowManyLoopbackAddressesACellNeeds() {
        java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!java.nio.file.Files.isReadable(range)) {
            return;                                    // not Linux: nothing to read
        }
        int ports = SystemLimits.localPorts();
        assertTrue(ports > 1, "ports " + ports);
        assertNull(SourceAddresses.loopbackRangeFor(ports));
        assertEquals("127.0.0.1-127.0.0.2", SourceAddresses.loopbackRangeFor(ports + 1L));
        assertEquals("127.0.0.1-127.0.0.4", SourceAddresses.loopbackRangeFor(4L * ports));
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }
}
