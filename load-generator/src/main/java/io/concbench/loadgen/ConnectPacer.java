package io.concbench.loadgen;

/**
 * Paces one event loop's connects: at most {@code maxInFlight} handshakes at once, first connects
 * no earlier than their place in the {@code --connect-rate} ramp. Reconnects and retries go through
 * the same bound. Event-loop thread only; times are passed in, so it is tested with a fake clock.
 *
 * <p>Why a bound: {@code load -c 19000} once sent every connect at once and got 17,976 connect
 * errors and 0 requests against the reactor. SYNs beyond the server's listen backlog (the models'
 * default is {@code ServerConfig}'s backlog, capped by net.core.somaxconn) are dropped and
 * retransmitted a second later, then three, so the connects outlive the timeout and are reopened,
 * feeding the storm. Neither wrk nor wrk2 paces its connects (each thread connects all of its
 * connections in one loop, and a big {@code -c} fails the same way); Hyperfoil bounds connection
 * opening per session pool. Bounding the handshakes in flight adapts to whatever the server
 * accepts, costs nothing on a small {@code -c}, and needs no rate the user has to guess.
 */
final class ConnectPacer {

    private final int maxInFlight;
    private int inFlight;

    /** @param maxInFlight handshakes this loop may have in flight at once, at least 1 */
    ConnectPacer(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("connects in flight must be at least 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /** Whether a connect due at {@code dueNanos} may start at {@code nowNanos}: it is due and a place is free. */
    boolean mayStart(long nowNanos, long dueNanos) {
        return dueNanos - nowNanos <= 0 && mayStart();
    }

    /** Whether one more handshake may start now. */
    boolean mayStart() {
        return inFlight < maxInFlight;
    }

    /** A handshake started (the connect did not complete at once). */
    void started() {
        inFlight++;
    }

    /** A started handshake completed or failed. */
    void finished() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    int inFlight() {
        return inFlight;
    }
}
