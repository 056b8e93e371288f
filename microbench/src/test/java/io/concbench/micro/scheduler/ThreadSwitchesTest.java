package io.concbench.micro.scheduler;

import io.concbench.harness.probe.ProcFields;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadSwitchesTest {

    private static final int SLEEPS = 50;

    @Test
    void countsTheSwitchesOfEveryThreadNotOnlyTheLeader() throws InterruptedException {
        ThreadSwitches before = ThreadSwitches.now();
        CountDownLatch slept = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < SLEEPS; i++) {
                    Thread.sleep(1);                 // each sleep blocks: one voluntary switch
                }
                slept.countDown();
                release.await();                     // stay alive: an exited thread takes its counts along
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slept.await();
        ThreadSwitches.Delta delta = ThreadSwitches.now().since(before);
        release.countDown();
        sleeper.join();

        assertTrue(before.available());
        assertTrue(delta.voluntary() >= SLEEPS, "expected at least " + SLEEPS + " voluntary switches, got " + delta);
    }

    @Test
    void aThreadThatExitsIsNotCountedNegative() throws InterruptedException {
        Thread busy = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < SLEEPS; i++) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread.sleep(20);
        ThreadSwitches before = ThreadSwitches.now();   // counts the busy thread's switches so far
        busy.join();
        ThreadSwitches.Delta delta = ThreadSwitches.now().since(before);
        assertTrue(delta.voluntary() >= 0 && delta.nonvoluntary() >= 0, delta.toString());
    }

    @Test
    void readsTheCounterLines() {
        String status = "Name:\tjava\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n";
        assertEquals(OptionalLong.of(12), ProcFields.field(status, "voluntary_ctxt_switches"));
        assertEquals(OptionalLong.of(3), ProcFields.field(status, "nonvoluntary_ctxt_switches"));
    }
}
