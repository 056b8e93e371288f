package io.concbench.micro.switching;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A pinger and a ponger of one thread kind, started once and asked for batches of round trips.
 * The caller (a JMH worker, a platform thread) only starts a batch and waits for its end, so its own
 * wake-ups are two per batch, amortised over thousands of handoffs between the pair.
 *
 * <p>{@link #play} is called by one thread at a time. {@link #close()} interrupts and joins both threads.
 */
final class Volley implements AutoCloseable {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final Handoff handoff;
    private final Thread pinger;
    private final Thread ponger;

    // The batch protocol: the caller publishes requested then requestSeq; the pinger publishes doneSeq.
    private volatile int requested;
    private volatile long requestSeq;
    private volatile long doneSeq;
    private volatile Thread caller;

    Volley(Handoff handoff, Thread.Builder threads) {
        this.handoff = handoff;
        this.pinger = threads.unstarted(this::pingLoop);
        this.ponger = threads.unstarted(this::pongLoop);
        handoff.bind(pinger, ponger);
        ponger.start();
        pinger.start();
    }

    /** The builder for {@code platform} or {@code virtual}; platform threads are daemons so a stuck pair cannot hold the fork open. */
    static Thread.Builder threads(String kind) {
        return switch (kind) {
            case "platform" -> Thread.ofPlatform().daemon().name("volley-", 0);
            case "virtual" -> Thread.ofVirtual().name("volley-", 0);
            default -> throw new IllegalArgumentException("threads must be platform or virtual, got " + kind);
        };
    }

    /** Plays {@code roundTrips} round trips between the pair and returns when they are done. */
    long play(int roundTrips) {
        caller = Thread.currentThread();
        long seq = requestSeq + 1;
        requested = roundTrips;
        requestSeq = seq;
        LockSupport.unpark(pinger);
        while (doneSeq != seq) {
            if (!pinger.isAlive()) {
                throw new IllegalStateException("the pinger thread died; see its stack trace above");
            }
            LockSupport.park(this);
        }
        return seq;
    }

    private void pingLoop() {
        long seen = 0;
        try {
            while (true) {
                while (requestSeq == seen) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        return;
                    }
                }
                seen = requestSeq;
                for (int i = requested; i > 0; i--) {
                    handoff.roundTrip();
                }
                doneSeq = seen;
                LockSupport.unpark(caller);
            }
        } catch (InterruptedException e) {
            // close() interrupted us between or during batches: the pair is being shut down.
        }
    }

    private void pongLoop() {
        try {
            handoff.serve();
        } catch (InterruptedException e) {
            // close() interrupted us: the pair is being shut down.
        }
    }

    @Override
    public void close() throws InterruptedException {
        pinger.interrupt();
        ponger.interrupt();
        if (!pinger.join(JOIN_TIMEOUT) || !ponger.join(JOIN_TIMEOUT)) {
            throw new IllegalStateException("the " + handoff.getClass().getSimpleName()
                    + " pair did not stop within " + JOIN_TIMEOUT + " of being interrupted");
        }
    }
}
