package io.concbench.loadgen;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything one load run needs, every default in one place. Validated on construction: a bad
 * combination is an {@link IllegalArgumentException} naming the command-line option to fix.
 *
 * <p>Closed loop ({@code ratePerSecond == 0}): each connection keeps {@code pipeline} requests
 * outstanding and sends the next when a response arrives; the run lasts {@code duration}, or until
 * exactly {@code requests} requests have been answered or have failed. Open loop
 * ({@code ratePerSecond > 0}): requests start on a fixed schedule at that total rate, split evenly
 * over the connections, for {@code duration}.
 *
 * @param target where to send
 * @param connections connections to keep open ({@code -c})
 * @param threads client event loops, each owning a share of the connections ({@code -t})
 * @param durationNanos measured time ({@code -d}); 0 = none (closed loop with {@code -n} only)
 * @param requests closed loop: requests to send and finish in the measured part ({@code -n}); 0 = unlimited
 * @param ratePerSecond open loop: total requests per second ({@code -R}); 0 = closed loop
 * @param pipeline requests a connection may have outstanding at once ({@code --pipeline})
 * @param warmupNanos unmeasured time before the measured part ({@code --warmup})
 * @param timeoutNanos a request unanswered this long is a timeout, and its connection is reopened;
 *                     also how long a connect may take, and how long the end waits for answers ({@code --timeout})
 * @param headers extra request headers, each {@code "Name: value"} ({@code -H})
 * @param connectRatePerSecond open at most this many connections per second at the start; 0 = all at once ({@code --connect-rate})
 * @param connectRetryDelayNanos after a failed connect, wait this long before trying again
 * @param connectsInFlight at most this many connects (TCP handshakes) in flight at once over all
 *                         event loops, first connects, retries and reconnects alike ({@code --connects-in-flight})
 * @param segment the share of the run this process drives ({@code --segment i/N}); {@link Segment#WHOLE} for
 *                all of it. {@code connections}, {@code requests} and {@code ratePerSecond} stay the whole
 *                run's: the segment takes its part of each
 * @param startAtEpochMillis wall-clock time the measured window starts, shared by every agent
 *                           ({@code --start-at}); 0 = as soon as the warmup is over
 * @param sourceAddresses local addresses to bind connections to, round-robin by run-wide connection
 *                        number ({@code --source-addresses}); empty = the kernel picks
 */
public record LoadOptions(HttpTarget target, int connections, int threads, long durationNanos, long requests,
                          double ratePerSecond, int pipeline, long warmupNanos, long timeoutNanos,
                          List<String> headers, double connectRatePerSecond, long connectRetryDelayNanos,
                          int connectsInFlight, Segment segment, long startAtEpochMillis,
                          List<InetAddress> sourceAddresses) {

    public static final int DEFAULT_CONNECTIONS = 10;
    public static final int DEFAULT_THREADS = 1;
    /** A closed-loop run given neither {@code -d} nor {@code -n} lasts this long, as wrk's does. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final int DEFAULT_PIPELINE = 1;
    /** wrk's and wrk2's default: generous for loopback, short enough not to stall a run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Nothing listening is not fixed by hammering; retry ten times a second per connection. */
    public static final Duration DEFAULT_CONNECT_RETRY_DELAY = Duration.ofMillis(100);
    /**
     * Connects in flight at once, by default. Below every listen backlog a model or nginx uses here
     * (ServerConfig.DEFAULT_BACKLOG is 1024, nginx's 511; net.core.somaxconn is 4096 on the
     * benchmark machine), so no SYN is dropped for a full
     * accept queue, and on loopback, where a handshake takes tens of microseconds, 19,000 connections
     * still open in well under a second. See {@link ConnectPacer} for the storm it prevents.
     */
    public static final int DEFAULT_CONNECTS_IN_FLIGHT = 256;
    /** Deeper pipelines measure the server's buffering, not its latency. */
    public static final int MAX_PIPELINE = 1024;

    public LoadOptions {
        if (target == null) {
            throw new IllegalArgumentException("a URL is required, e.g. http://127.0.0.1:8080/plaintext");
        }
        if (connections < 1) {
            throw new IllegalArgumentException("-c must be at least 1 connection, got " + connections);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("-t must be at least 1 event loop, got " + threads);
        }
        if (threads > connections) {
            throw new IllegalArgumentException("-t " + threads + " is more event loops than connections (-c " + connections
                    + "); an event loop needs at least one connection, use -t " + connections + " or fewer");
        }
        if (durationNanos < 0) {
            throw new IllegalArgumentException("-d must be positive");
        }
        if (requests < 0) {
            throw new IllegalArgumentException("-n must be at least 1 request, got " + requests);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("-R must be a positive number of requests per second, got " + ratePerSecond);
        }
        if (ratePerSecond > 0 && durationNanos == 0) {
            throw new IllegalArgumentException("-R " + fmt(ratePerSecond) + " needs a duration: an open-loop run is a rate held for a time, add e.g. -d 30s");
        }
        if (ratePerSecond > 0 && requests > 0) {
            throw new IllegalArgumentException("-n counts requests of a closed-loop run; with -R give the length as -d instead");
        }
        if (ratePerSecond == 0 && durationNanos == 0 && requests == 0) {
            throw new IllegalArgumentException("say how long to run: -d DURATION or -n REQUESTS");
        }
        if (pipeline < 1 || pipeline > MAX_PIPELINE) {
            throw new IllegalArgumentException("--pipeline must be between 1 and " + MAX_PIPELINE + ", got " + pipeline);
        }
        if (warmupNanos < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        if (!(connectRatePerSecond >= 0) || Double.isInfinite(connectRatePerSecond)) {
            throw new IllegalArgumentException("--connect-rate must be a positive number of connections per second, got " + connectRatePerSecond);
        }
        if (connectRetryDelayNanos <= 0) {
            throw new IllegalArgumentException("the connect retry delay must be positive");
        }
        if (connectsInFlight < 1) {
            throw new IllegalArgumentException("--connects-in-flight must be at least 1, got " + connectsInFlight);
        }
        if (segment == null) {
            segment = Segment.WHOLE;
        }
        if (segment.count() > connections) {
            throw new IllegalArgumentException("--segment " + segment + " splits -c " + connections
                    + " into more shares than connections; use at most " + connections + " agents or raise -c");
        }
        if (requests > 0 && segment.count() > requests) {
            throw new IllegalArgumentException("--segment " + segment + " splits -n " + requests
                    + " into more shares than requests; use at most " + requests + " agents or raise -n");
        }
        if (threads > segment.shareOf(connections)) {
            throw new IllegalArgumentException("-t " + threads + " is more event loops than this segment's "
                    + segment.shareOf(connections) + " connections; lower -t");
        }
        if (startAtEpochMillis < 0) {
            throw new IllegalArgumentException("--start-at must be a time in milliseconds since the epoch, e.g. $(( $(date +%s) * 1000 + 5000 ))");
        }
        sourceAddresses = sourceAddresses == null ? List.of() : List.copyOf(sourceAddresses);
        headers = List.copyOf(headers);
        headers.forEach(RequestEncoder::validateHeader);
    }

    /** A closed-loop run of {@link #DEFAULT_DURATION} against {@code url}, every other option at its default. */
    public static LoadOptions defaults(String url) {
        return new LoadOptions(HttpTarget.parse(url), DEFAULT_CONNECTIONS, DEFAULT_THREADS, DEFAULT_DURATION.toNanos(), 0,
                0, DEFAULT_PIPELINE, 0, DEFAULT_TIMEOUT.toNanos(), List.of(), 0, DEFAULT_CONNECT_RETRY_DELAY.toNanos(),
                DEFAULT_CONNECTS_IN_FLIGHT, Segment.WHOLE, 0, List.of());
    }

    /** True for an open-loop (fixed-rate) run. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    public LoadOptions withConnections(int c) {
        return new LoadOptions(target, c, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withThreads(int t) {
        return new LoadOptions(target, connections, t, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    /** Measured time; {@link Duration#ZERO} for none. */
    public LoadOptions withDuration(Duration d) {
        return new LoadOptions(target, connections, threads, d.toNanos(), requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withRequests(long n) {
        return new LoadOptions(target, connections, threads, durationNanos, n, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withRate(double perSecond) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, perSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withPipeline(int depth) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, depth, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withWarmup(Duration d) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, d.toNanos(),
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withTimeout(Duration d) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                d.toNanos(), headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withHeaders(List<String> h) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, h, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withConnectRate(double perSecond) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, perSecond, connectRetryDelayNanos, connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withConnectRetryDelay(Duration d) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, d.toNanos(), connectsInFlight, segment, startAtEpochMillis, sourceAddresses);
    }

    public LoadOptions withConnectsInFlight(int n) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, n, segment, startAtEpochMillis, sourceAddresses);
    }

    /** Drive only {@code s}'s share of the run. */
    public LoadOptions withSegment(Segment s) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, s, startAtEpochMillis,
                sourceAddresses);
    }

    /** Start the measured window at this wall-clock time (ms since the epoch); 0 = after the warmup. */
    public LoadOptions withStartAt(long epochMillis) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment, epochMillis,
                sourceAddresses);
    }

    public LoadOptions withSourceAddresses(List<InetAddress> addresses) {
        return new LoadOptions(target, connections, threads, durationNanos, requests, ratePerSecond, pipeline, warmupNanos,
                timeoutNanos, headers, connectRatePerSecond, connectRetryDelayNanos, connectsInFlight, segment,
                startAtEpochMillis, addresses);
    }

    /** Connections this process opens: its segment's share of {@code connections}. */
    public int segmentConnections() {
        return (int) segment.shareOf(connections);
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
