package io.concbench.micro.threads;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SleepersTest {

    private static Sleepers.Result run(String... args) throws InterruptedException {
        Sleepers sleepers = new Sleepers();
        new CommandLine(sleepers).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return sleepers.run();
    }

    @Test
    void allAtOnceHoldsEveryVirtualWorkerAliveTogether() throws InterruptedException {
        Sleepers.Result r = run("--kind", "virtual", "--tasks", "2000", "--sleep-ms", "20");
        assertEquals("ok", r.outcome());
        assertEquals(2000, r.started());
        assertEquals(2000, r.peakLive());
        assertTrue(r.allAtOnce());
        assertTrue(r.elapsedMillis() >= 20, "every worker slept 20 ms: " + r);
        assertTrue(r.peakRssBytes() > 0 && r.peakHeapUsedBytes() > 0, r.toString());
    }

    @Test
    void platformStartsStopAtTheCapAndSayWhy() throws InterruptedException {
        Sleepers.Result r = run("--kind", "platform", "--tasks", "200", "--sleep-ms", "10",
                "--max-live-platform-threads", "50");
        assertEquals(50, r.started());
        assertEquals(50, r.liveCap());
        assertTrue(r.outcome().startsWith("failed: 50 platform threads alive reached the safety cap 50"), r.outcome());
    }

    @Test
    void asStartedLetsEachWorkerSleepFromItsOwnStart() throws InterruptedException {
        Sleepers.Result r = run("--kind", "virtual", "--tasks", "100", "--sleep-ms", "1", "--no-all-at-once");
        assertEquals("ok", r.outcome());
        assertEquals(100, r.started());
        assertTrue(!r.allAtOnce() && r.peakLive() >= 1 && r.peakLive() <= 100, r.toString());
    }

    @Test
    void badKindIsAUserErrorWithExitCode2() {
        assertEquals(2, io.concbench.harness.serve.Cli.execute(new CommandLine(new Sleepers()), "--kind", "green"));
    }
}
