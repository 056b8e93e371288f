package io.concbench.harness.loop;

import java.util.List;

/** How an event-loop model's {@code close()} waits for its loops' threads. */
public final class LoopThreads {

    private LoopThreads() {
    }

    /**
     * Waits up to {@code waitMillis} for each of {@code threads} to end, skipping the caller's own: a loop
     * that fails stops its server, and must not wait for itself. A loop still running after the wait (a
     * long {@code /cpu}) is left to finish alone. An interrupt ends the waiting and stays set.
     */
    public static void joinEach(List<Thread> threads, long waitMillis) {
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                try {
                    t.join(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
