package io.concbench.harness.probe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessProbeTest {

    private static final String STATUS = """
            Name:\tjava
            VmHWM:\t  204800 kB
            VmRSS:\t  102400 kB
            Threads:\t27
            voluntary_ctxt_switches:\t150
            nonvoluntary_ctxt_switches:\t12
            """;
    // comm holds a space and a parenthesis, as a thread-named process may
    private static final String STAT = "4242 (ja va) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 27 0 100 0 0";

    @Test
    void parsesStatusAndStat() {
        ProcessSample s = ProcessProbe.parse(4242, STATUS, STAT);
        assertEquals(102400L * 1024, s.rssBytes());
        assertEquals(204800L * 1024, s.peakRssBytes());
        assertEquals(27, s.threads());
        assertEquals(150, s.voluntarySwitches());
        assertEquals(12, s.involuntarySwitches());
        assertEquals(2_500_000_000L, s.cpuUserNanos());
        assertEquals(750_000_000L, s.cpuSystemNanos());
    }

    @Test
    void readsThisProcessAndItsTree() {
        ProcessSample self = ProcessProbe.self().orElseThrow();
        assertTrue(self.rssBytes() > 0);
        assertTrue(self.threads() > 0);
        ProcessSample tree = ProcessProbe.tree(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(tree.processes() >= 1);
        assertTrue(tree.rssBytes() >= self.rssBytes() / 2);
    }

    @Test
    void countsContextSwitchesOfEveryThreadNotJustTheMainOne() throws Exception {
        long before = ProcessProbe.self().orElseThrow().voluntarySwitches();
        java.util.concurrent.CountDownLatch slept = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch sampled = new java.util.concurrent.CountDownLatch(1);
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 20; i++) {
                    Thread.sleep(1);                    // each sleep is one voluntary switch of this thread
                }
                slept.countDown();
                sampled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slept.await();
        long during = ProcessProbe.self().orElseThrow().voluntarySwitches();
        sampled.countDown();
        sleeper.join();
        assertTrue(during - before >= 20, "before " + before + ", during " + during);
    }

    @Test
    void aProcessThatIsGoneReadsEmpty() {
        assertTrue(ProcessProbe.sample(Integer.MAX_VALUE).isEmpty());
    }
}
