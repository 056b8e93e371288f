package io.concbench.harness.probe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RusageTest {

    private static final int THREADS = 50;
    private static final int SLEEPS = 10;

    @Test
    void availableOnLinuxFromJdk22() {
        boolean expected = Runtime.version().feature() >= Rusage.FOREIGN_FINAL_SINCE
                && System.getProperty("os.name").toLowerCase().contains("linux");
        assertEquals(expected, Rusage.available(), Rusage.unavailableReason());
        assertEquals(expected, Rusage.self().isPresent());
        assertEquals(expected, Rusage.unavailableReason().isEmpty());
    }

    @Test
    void countsTheSwitchesOfThreadsThatExited() throws InterruptedException {
        assumeTrue(Rusage.available(), Rusage.unavailableReason());
        ContextSwitches before = Rusage.self().orElseThrow();
        long liveBefore = ProcessProbe.self().orElseThrow().voluntarySwitches();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().start(RusageTest::sleepTenTimes));
        }
        for (Thread t : threads) {
            t.join();
        }
        ContextSwitches after = Rusage.self().orElseThrow();
        long liveAfter = ProcessProbe.self().orElseThrow().voluntarySwitches();

        long rusageDelta = after.voluntary() - before.voluntary();
        long liveDelta = liveAfter - liveBefore;
        System.out.printf("%d threads x %d sleeps: rusage voluntary +%d, live-thread sum %+d%n",
                THREADS, SLEEPS, rusageDelta, liveDelta);
        // each 1 ms sleep blocks once: at least one voluntary switch
        assertTrue(rusageDelta >= THREADS * SLEEPS, "rusage voluntary delta " + rusageDelta);
        assertTrue(after.involuntary() >= before.involuntary());
        assertTrue(liveDelta < rusageDelta, "the live-thread sum lost the exited threads: " + liveDelta);
    }

    @Test
    void readingsNeverDecrease() {
        assumeTrue(Rusage.available(), Rusage.unavailableReason());
        ContextSwitches last = ContextSwitches.ZERO;
        for (int i = 0; i < 100; i++) {
            ContextSwitches now = Rusage.self().orElseThrow();
            assertTrue(now.voluntary() >= last.voluntary() && now.involuntary() >= last.involuntary(), now + " after " + last);
            last = now;
            Thread.yield();
        }
    }

    @Test
    void childrenAreReadable() {
        assumeTrue(Rusage.available(), Rusage.unavailableReason());
        assertTrue(Rusage.children().isPresent());
    }

    @Test
    void liveThreadFallbackKeepsExitedThreadsAtTheirLastReading() throws InterruptedException {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        LiveThreadSwitches fallback = new LiveThreadSwitches(ProcessHandle.current().pid());
        ContextSwitches start = fallback.read().orElseThrow();
        CountDownLatch slept = new CountDownLatch(THREADS);
        CountDownLatch exit = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                sleepTenTimes();
                slept.countDown();
                awaitQuietly(exit);
            }));
        }
        slept.await();
        ContextSwitches whileAlive = fallback.read().orElseThrow();
        long plainWhileAlive = ProcessProbe.self().orElseThrow().voluntarySwitches();
        exit.countDown();
        for (Thread t : threads) {
            t.join();
        }
        ContextSwitches afterExit = fallback.read().orElseThrow();
        long plainAfterExit = ProcessProbe.self().orElseThrow().voluntarySwitches();

        assertTrue(whileAlive.voluntary() - start.voluntary() >= THREADS * SLEEPS);
        assertTrue(afterExit.voluntary() >= whileAlive.voluntary(), afterExit + " < " + whileAlive);
        assertTrue(afterExit.involuntary() >= whileAlive.involuntary());
        assertTrue(plainAfterExit < plainWhileAlive, "the plain live-thread sum falls when threads exit");
    }

    @Test
    void aCountIsNeverNegative() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ContextSwitches(-1, 0));
        assertEquals(new ContextSwitches(3, 5), new ContextSwitches(1, 2).plus(new ContextSwitches(2, 3)));
    }

    private static void sleepTenTimes() {
        for (int i = 0; i < SLEEPS; i++) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
