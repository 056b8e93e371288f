package io.concbench.harness;

import java.util.function.Predicate;

/**
 * Waits for a running server's {@link ServerStats} to say something: stats trail the sockets (a loop
 * counts a close after the client saw it), so a test asserts on them only once they have settled.
 */
public final class StatsWait {

    /** Long enough never to fire on a healthy server, short enough that a hang fails the test. */
    public static final long WAIT_MILLIS = 15_000;
    private static final long POLL_MILLIS = 10;

    private StatsWait() {
    }

    /** The first stats of {@code server} that satisfy {@code condition}; fails naming {@code what} and the last stats after {@link #WAIT_MILLIS}. */
    public static ServerStats until(RunningServer server, Predicate<ServerStats> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        ServerStats s = server.stats();
        while (!condition.test(s)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + "; stats: " + s);
            }
            Thread.sleep(POLL_MILLIS);
            s = server.stats();
        }
        return s;
    }
}
