package io.concbench.harness.result;

import java.util.List;

/**
 * What one {@code concbench load} run measured. Written by {@code load --json}, embedded by
 * {@code compare} in its per-run results. Durations are nanoseconds; rates are per second.
 *
 * <p>Accounting: every request sent in the measured window ends in exactly one of {@link #requests}
 * (any status), the request-level classes of {@link #errors} or {@link #inFlightAtEnd}. So
 * {@code sent == requests + errors.read + errors.write + errors.timeout + errors.closedByPeer + inFlightAtEnd}
 * (4xx, 5xx and other statuses are responses, counted in {@code requests} too).
 *
 * @param tool {@code "concbench load"} and its version
 * @param url the target
 * @param mode {@code "closed"} (each connection sends its next request when a response arrives) or
 *             {@code "open"} (requests start on a fixed schedule whatever the responses do)
 * @param connections connections the run kept open
 * @param threads client event loops
 * @param pipeline requests a connection may have outstanding at once
 * @param requestedRate open loop: the requested rate; 0 in closed loop
 * @param warmupNanos unmeasured time before the window (nothing in it is counted)
 * @param durationNanos the measured window: {@code -d}, or with {@code -n} the time until the last answer
 * @param requests responses received to requests sent in the window (including those that arrived
 *                 after the window closed, while draining)
 * @param requestsPerSecond responses received within the window, per second of window
 * @param sent requests sent in the window; null when the tool does not say (wrk)
 * @param sentPerSecond {@code sent} per second of window: what the client achieved; in open loop
 *                      compare with {@code requestedRate}
 * @param scheduled open loop: requests whose intended start fell in the window; closed loop: equals {@code sent}
 *                  (null with it)
 * @param rateHeld open loop: false when the client sent noticeably fewer requests than scheduled
 *                 (the client or the server could not keep the rate); always true in closed loop
 * @param inFlightAtEnd requests still unanswered when the run stopped waiting for them; null when the tool does
 *                      not say (wrk)
 * @param bytesRead response bytes read in the window
 * @param latency open loop: corrected latency, response end minus <em>intended</em> start (free of
 *                coordinated omission); closed loop: response end minus actual send (identical to
 *                {@code uncorrectedLatency}, and biased by coordinated omission)
 * @param uncorrectedLatency response end minus actual send
 * @param errors failed requests by class
 * @param clientCpu CPU the load generator used over the window
 * @param jvm the client's JVM ({@code java.vm.name} and version)
 * @param startedAtEpochMillis wall-clock start of the measured window
 * @param sendLag open loop: the client's own lateness, per measured request: actual send minus its
 *                intended start, or minus the moment its connection could take it when that is later
 *                (a connection busy with a slow answer is the server's wait, already in {@code latency});
 *                null in closed loop and in results written before it was measured
 * @param connects why connection attempts failed, and the client-side TIME_WAIT sockets towards the
 *                 target; null in results written before it was measured
 * @param intervals the run second by second, warm-up seconds first (negative {@link Interval#second}),
 *                  from the interval histograms the client keeps anyway; null for other tools and in
 *                  results written before it was recorded
 * @param agents the load agents behind this result: one entry for a {@code load --segment} run (itself),
 *               one per agent for a merged result ({@code concbench merge}, {@code load --agents}); null
 *               for a run by one client
 */
public record LoadResult(String tool, String url, String mode, int connections, int threads, int pipeline,
                         double requestedRate, long warmupNanos, long durationNanos,
                         long requests, double requestsPerSecond, Long sent, Double sentPerSecond,
                         Long scheduled, boolean rateHeld, Long inFlightAtEnd, long bytesRead,
                         LatencySummary latency, LatencySummary uncorrectedLatency, ErrorCounts errors,
                         ClientCpu clientCpu, String jvm, long startedAtEpochMillis,
                         LatencySummary sendLag, Connects connects, List<Interval> intervals, List<Agent> agents) {

    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
    /**
     * A send-lag p99 at or above this share of a latency figure makes that figure as much the
     * client's as the server's: nginx measured at 1 k req/s showed a corrected p99 of 3.8 ms against
     * 0.48 ms uncorrected, nearly all of it the client sending late.
     */
    public static final double CLIENT_LATENESS_SHARE = 0.25;

    /**
     * The send-lag p99 as a share of {@code latencyNanos} (a percentile of {@link #latency}), or
     * null when the send lag was not measured (closed loop, other tools, older results) or the
     * figure is 0. At or above {@link #CLIENT_LATENESS_SHARE} the figure is the client's too.
     */
    public Double clientLateness(long latencyNanos) {
        if (sendLag == null || sendLag.count() == 0 || latencyNanos <= 0) {
            return null;
        }
        return (double) sendLag.p99Nanos() / latencyNanos;
    }

    /** A result by one client (not an agent's), without the per-second intervals. */
    public LoadResult(String tool, String url, String mode, int connections, int threads, int pipeline,
                      double requestedRate, long warmupNanos, long durationNanos,
                      long requests, double requestsPerSecond, Long sent, Double sentPerSecond,
                      Long scheduled, boolean rateHeld, Long inFlightAtEnd, long bytesRead,
                      LatencySummary latency, LatencySummary uncorrectedLatency, ErrorCounts errors,
                      ClientCpu clientCpu, String jvm, long startedAtEpochMillis,
                      LatencySummary sendLag, Connects connects) {
        this(tool, url, mode, connections, threads, pipeline, requestedRate, warmupNanos, durationNanos, requests,
                requestsPerSecond, sent, sentPerSecond, scheduled, rateHeld, inFlightAtEnd, bytesRead, latency,
                uncorrectedLatency, errors, clientCpu, jvm, startedAtEpochMillis, sendLag, connects, null, null);
    }

    /** A result without the send lag and connect causes: other load tools (wrk, h2load) measure neither. */
    public LoadResult(String tool, String url, String mode, int connections, int threads, int pipeline,
                      double requestedRate, long warmupNanos, long durationNanos,
                      long requests, double requestsPerSecond, Long sent, Double sentPerSecond,
                      Long scheduled, boolean rateHeld, Long inFlightAtEnd, long bytesRead,
                      LatencySummary latency, LatencySummary uncorrectedLatency, ErrorCounts errors,
                      ClientCpu clientCpu, String jvm, long startedAtEpochMillis) {
        this(tool, url, mode, connections, threads, pipeline, requestedRate, warmupNanos, durationNanos, requests,
                requestsPerSecond, sent, sentPerSecond, scheduled, rateHeld, inFlightAtEnd, bytesRead, latency,
                uncorrectedLatency, errors, clientCpu, jvm, startedAtEpochMillis, null, null);
    }

    /**
     * One second of the run. Warm-up seconds count back from the measured window: -2 and -1 are the
     * two seconds before it; nothing of them is measured but the answers, so their latencies are null.
     *
     * @param second 0, 1, 2... in the measured window; negative in the warm-up
     * @param nanos how long the interval was (the last one of a run may be shorter than a second)
     * @param responses answers received in it
     * @param requestsPerSecond {@code responses} per second of the interval
     * @param p50Nanos corrected median latency of the answers in it; null in the warm-up or when none came
     * @param p99Nanos corrected p99, likewise
     * @param p99UncorrectedNanos p99 from the actual send, likewise
     */
    public record Interval(int second, long nanos, long responses, double requestsPerSecond,
                           Long p50Nanos, Long p99Nanos, Long p99UncorrectedNanos) {

        public boolean warmup() {
            return second < 0;
        }
    }

    /**
     * One load agent's share of a run, kept per agent when results are merged: what it was asked for,
     * whether it held it, and what it cost the client.
     *
     * @param segment {@code "i/N"}: the agent's share ({@code load --segment}); null for a merged run that was not a segment
     * @param startAtEpochMillis the common start of the measured window ({@code --start-at}); null when not given
     * @param lateNanos how late the agent was ready for that start (0 when on time); its intended
     *                  times still counted from the common start
     * @param connections connections the agent held
     * @param requestedRate open loop: the agent's share of the rate; 0 in closed loop
     * @param requests responses the agent counted
     * @param rateHeld whether the agent sent its share of the schedule
     * @param clientCpu CPU the agent used over its window
     */
    public record Agent(String segment, Long startAtEpochMillis, long lateNanos, int connections, double requestedRate,
                        long requests, boolean rateHeld, ClientCpu clientCpu) { }

    /**
     * Why the connection attempts counted in {@code errors.connect} failed, and the client-side
     * TIME_WAIT sockets towards the target around the run. Every attempt of the run counts here,
     * warmup included ({@code errors.connect} counts only the measured window): a connect storm
     * happens at the start, usually before measuring begins.
     *
     * @param opened connects that succeeded, reconnects included (a count, measured over the whole run)
     * @param portsExhausted failed for lack of a local port (EADDRNOTAVAIL / EADDRINUSE): often the
     *                       TIME_WAIT sockets of an earlier run still hold the ports
     * @param refused refused by the target (ECONNREFUSED: nothing listening, or its accept queue full)
     * @param timedOut not completed within the timeout (SYNs dropped, e.g. a full listen backlog)
     * @param other any other failure (unreachable, reset during the handshake, too many open files)
     * @param timeWaitBefore client-side sockets towards the target in TIME_WAIT (state 06 of
     *                       /proc/net/tcp and tcp6) when the run started; null where /proc cannot be read
     * @param timeWaitAfter the same count after the run closed its connections; null where /proc cannot be read
     */
    public record Connects(long opened, long portsExhausted, long refused, long timedOut, long other,
                           Long timeWaitBefore, Long timeWaitAfter) {

        /** Failed attempts, all causes. */
        public long failed() {
            return portsExhausted + refused + timedOut + other;
        }
    }
}
