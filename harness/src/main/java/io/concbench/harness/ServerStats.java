package io.concbench.harness;

import java.util.List;
import java.util.Map;

/**
 * Counters of a running server, as answered to the {@code stats} command.
 *
 * @param connectionsAccepted connections accepted since start
 * @param connectionsOpen connections open now
 * @param requests requests answered (any status)
 * @param badRequests requests answered with a 4xx/5xx by the HTTP codec (malformed input)
 * @param rejected connections refused for lack of capacity (503 and close)
 * @param inFlight requests parsed and not yet answered
 * @param peakInFlight the most requests ever in flight at once
 * @param workers per worker (pool thread, event loop, process) connection and request counts; may be empty
 * @param counters model-specific counters by name
 */
public record ServerStats(long connectionsAccepted, long connectionsOpen, long requests, long badRequests,
                          long rejected, long inFlight, long peakInFlight,
                          List<WorkerShare> workers, Map<String, Long> counters) {

    /** One worker's share of the load. */
    public record WorkerShare(String name, long connections, long requests) {}

    public ServerStats {
        workers = List.copyOf(workers);
        counters = Map.copyOf(counters);
    }
}
