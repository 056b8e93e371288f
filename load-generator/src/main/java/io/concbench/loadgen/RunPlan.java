package io.concbench.loadgen;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The timeline and schedule every event loop of one run shares, fixed before the loops start.
 * Immutable; all times are {@link NanoClock} readings.
 *
 * <p>Connection numbers are run-wide: a {@link Segment} agent plans only its own connections, with
 * the numbers, times and {@code c} of the whole run, so the agents' schedules add up to this one.
 *
 * <p>The open-loop schedule: connection {@code j} (numbered 0..c-1 across all loops) intends to
 * start request {@code k} at {@code startNanos + j * rateStepNanos + k * connectionPeriodNanos},
 * where {@code rateStepNanos = 1e9 / R} and {@code connectionPeriodNanos = c * rateStepNanos}. So
 * the connections' streams interleave into one evenly spaced stream of R requests per second, at
 * nanosecond resolution. When R is lower than c, each connection's period is longer than a second:
 * every connection is still opened and held (as c idle-ish clients would be), each sends one
 * request every c/R seconds, and the aggregate stream is still R per second, evenly spaced.
 *
 * @param address the server
 * @param startNanos when the run starts (connects begin; warmup begins)
 * @param measureStartNanos when measuring starts: a request whose intended start is earlier is warmup, never counted
 * @param endNanos when no further request may start; {@link Long#MAX_VALUE} for none ({@code -n} alone)
 * @param timeoutNanos request and connect timeout; also the longest wait for answers after the end
 * @param pipeline requests a connection may have outstanding
 * @param openLoop fixed schedule (true) or send-on-response (false)
 * @param rateStepNanos open loop: the spacing of the aggregate stream, 1e9 / R
 * @param connectionPeriodNanos open loop: the spacing of one connection's stream, c * 1e9 / R
 * @param connectIntervalNanos spacing of the initial connects (connection j connects at start + j * this); 0 = all at once
 * @param connectRetryDelayNanos wait after a failed connect
 * @param timeoutScanNanos how often each loop looks for timed-out requests
 * @param connectsInFlightPerLoop handshakes each loop may have in flight at once: its share of {@code --connects-in-flight}
 * @param sourceAddresses local addresses to bind to, round-robin by run-wide connection number; empty = any
 */
record RunPlan(InetSocketAddress address, long startNanos, long measureStartNanos, long endNanos,
               long timeoutNanos, int pipeline, boolean openLoop, double rateStepNanos, double connectionPeriodNanos,
               double connectIntervalNanos, long connectRetryDelayNanos, long timeoutScanNanos,
               int connectsInFlightPerLoop, List<InetSocketAddress> sourceAddresses) {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Timeouts are found within a tenth of the timeout ... */
    static final int TIMEOUT_SCANS_PER_TIMEOUT = 10;
    /** ... but no more often than this (a scan walks every connection) ... */
    static final long MIN_TIMEOUT_SCAN_NANOS = 1_000_000L;
    /** ... and no less often than this. */
    static final long MAX_TIMEOUT_SCAN_NANOS = 100_000_000L;

    /** The plan for {@code o}, starting at {@code startNanos}. */
    static RunPlan of(LoadOptions o, InetSocketAddress address, long startNanos) {
        long measureStart = startNanos + o.warmupNanos();
        long end = o.durationNanos() > 0 ? measureStart + o.durationNanos() : Long.MAX_VALUE;
        double step = o.openLoop() ? NANOS_PER_SECOND / o.ratePerSecond() : 0;
        double connectInterval = o.connectRatePerSecond() > 0 ? NANOS_PER_SECOND / o.connectRatePerSecond() : 0;
        long scan = Math.clamp(o.timeoutNanos() / TIMEOUT_SCANS_PER_TIMEOUT, MIN_TIMEOUT_SCAN_NANOS, MAX_TIMEOUT_SCAN_NANOS);
        return new RunPlan(address, startNanos, measureStart, end, o.timeoutNanos(), o.pipeline(), o.openLoop(),
                step, step * o.connections(), connectInterval, o.connectRetryDelayNanos(), scan,
                Math.max(1, o.connectsInFlight() / o.threads()),
                o.sourceAddresses().stream().map(a -> new InetSocketAddress(a, 0)).toList());
    }

    /** The local address connection {@code j} binds to, or null to let the kernel pick. */
    InetSocketAddress sourceFor(int j) {
        return sourceAddresses.isEmpty() ? null : sourceAddresses.get(j % sourceAddresses.size());
    }

    /** When connection {@code j} is first due to connect. */
    long connectAtNanos(int j) {
        return startNanos + (long) (j * connectIntervalNanos);
    }

    /** Open loop: the anchor of connection {@code j}'s schedule (its request 0). */
    long anchorNanos(int j) {
        return startNanos + (long) (j * rateStepNanos);
    }

    /** Open loop: intended start of request {@code k} of the connection anchored at {@code anchorNanos}. */
    long intendedNanos(long anchorNanos, long k) {
        return anchorNanos + (long) (k * connectionPeriodNanos);
    }

    /** Open loop: the first request index whose intended start is at or after {@code t}. */
    long firstSlotAtOrAfter(long anchorNanos, long t) {
        if (t <= anchorNanos) {
            return 0;
        }
        long k = (long) Math.ceil((t - anchorNanos) / connectionPeriodNanos);
        while (k > 0 && intendedNanos(anchorNanos, k - 1) >= t) {
            k--;                                  // undo floating-point overshoot
        }
        while (intendedNanos(anchorNanos, k) < t) {
            k++;
        }
        return k;
    }
}
