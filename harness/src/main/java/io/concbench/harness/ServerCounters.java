package io.concbench.harness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters every model keeps, updated from any thread. Requests use a {@link LongAdder} so that
 * counting does not become the contended cache line the measurement then reports.
 */
public final class ServerCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder headerTimeouts = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong peakInFlight = new AtomicLong();

    public void connectionOpened() {
        accepted.increment();
    }

    public void connectionClosed() {
        closed.increment();
    }

    /** A parsed request enters the application. Pair with {@link #requestAnswered()}. */
    public void requestStarted() {
        long now = inFlight.incrementAndGet();
        if (now > peakInFlight.get()) {
            peakInFlight.accumulateAndGet(now, Math::max);
        }
    }

    public void requestAnswered() {
        inFlight.decrementAndGet();
        requests.increment();
    }

    /** The codec refused the input and answered an error status itself. */
    public void badRequest() {
        badRequests.increment();
        requests.increment();
    }

    /** A connection was turned away for lack of capacity. */
    public void rejected() {
        rejected.increment();
    }

    /** A request head did not arrive within the header timeout; the connection got 408 and was closed. */
    public void headerTimeout() {
        headerTimeouts.increment();
        requests.increment();
    }

    public long connectionsOpen() {
        return accepted.sum() - closed.sum();
    }

    /**
     * The counters, with {@code headerTimeouts} added to the model's own {@code extra} counters, and
     * this process's context switches from getrusage (null where it cannot be read): a model that
     * counts with this class runs in this process.
     */
    public ServerStats snapshot(List<ServerStats.WorkerShare> workers, Map<String, Long> extra) {
        Map<String, Long> counters = new java.util.LinkedHashMap<>(extra);
        counters.put("headerTimeouts", headerTimeouts.sum());
        return new ServerStats(accepted.sum(), connectionsOpen(), requests.sum(), badRequests.sum(),
                rejected.sum(), inFlight.get(), peakInFlight.get(), workers, counters,
                io.concbench.harness.probe.Rusage.self().orElse(null));
    }
}
