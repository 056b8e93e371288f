package io.concbench.harness.result;

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
 * @param sent requests sent in the window
 * @param sentPerSecond {@code sent} per second of window: what the client achieved; in open loop
 *                      compare with {@code requestedRate}
 * @param scheduled open loop: requests whose intended start fell in the window; closed loop: equals {@code sent}
 * @param rateHeld open loop: false when the client sent noticeably fewer requests than scheduled
 *                 (the client or the server could not keep the rate); always true in closed loop
 * @param inFlightAtEnd requests still unanswered when the run stopped waiting for them
 * @param bytesRead response bytes read in the window
 * @param latency open loop: corrected latency, response end minus <em>intended</em> start (free of
 *                coordinated omission); closed loop: response end minus actual send (identical to
 *                {@code uncorrectedLatency}, and biased by coordinated omission)
 * @param uncorrectedLatency response end minus actual send
 * @param errors failed requests by class
 * @param clientCpu CPU the load generator used over the window
 * @param jvm the client's JVM ({@code java.vm.name} and version)
 * @param startedAtEpochMillis wall-clock start of the measured window
 */
public record LoadResult(String tool, String url, String mode, int connections, int threads, int pipeline,
                         double requestedRate, long warmupNanos, long durationNanos,
                         long requests, double requestsPerSecond, long sent, double sentPerSecond,
                         long scheduled, boolean rateHeld, long inFlightAtEnd, long bytesRead,
                         LatencySummary latency, LatencySummary uncorrectedLatency, ErrorCounts errors,
                         ClientCpu clientCpu, String jvm, long startedAtEpochMillis) {

    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
}
