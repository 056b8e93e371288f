package io.concbench.harness.app;

import java.util.function.LongSupplier;

/** A token bucket refilled continuously; the clock is a seam so tests drive time. Thread-safe. */
final class TokenBucket {

    private final long permitsPerSecond;
    private final long burst;
    private final LongSupplier nanoClock;
    private long tokens;
    private long lastRefillNanos;

    TokenBucket(long permitsPerSecond, long burst, LongSupplier nanoClock) {
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefillNanos = nanoClock.getAsLong();
    }

    // A short critical section with no blocking call inside, so it never pins a virtual thread's carrier for long.
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            long refill = (long) (elapsed * (permitsPerSecond / 1e9));
            if (refill > 0) {
                tokens = Math.min(burst, tokens + refill);
                lastRefillNanos = now;
            }
        }
        if (tokens > 0) {
            tokens--;
            return true;
        }
        return false;
    }
}
