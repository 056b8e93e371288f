package io.concbench.harness;

import io.concbench.harness.probe.ContextSwitches;

import java.util.ArrayList;
import java.util.HashMap;
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
 * @param contextSwitches the server's context switches since it started, exited threads included
 *        (getrusage; for multiprocess the sum over the supervisor and its workers); null where they
 *        cannot be read (a JDK before 22, not Linux) or a worker did not answer. An in-process model
 *        leaves it null and {@code serve} fills in its process's own.
 */
public record ServerStats(long connectionsAccepted, long connectionsOpen, long requests, long badRequests,
                          long rejected, long inFlight, long peakInFlight,
                          List<WorkerShare> workers, Map<String, Long> counters, ContextSwitches contextSwitches) {

    /** One worker's share of the load. */
    public record WorkerShare(String name, long connections, long requests) {}

    /** Nothing counted: where a sum starts. */
    public static final ServerStats NONE = new ServerStats(0, 0, 0, 0, 0, 0, 0, List.of(), Map.of());

    public ServerStats {
        workers = List.copyOf(workers);
        counters = Map.copyOf(counters);
    }

    /** Counters without context switches: what a model counts itself. */
    public ServerStats(long connectionsAccepted, long connectionsOpen, long requests, long badRequests,
                       long rejected, long inFlight, long peakInFlight,
                       List<WorkerShare> workers, Map<String, Long> counters) {
        this(connectionsAccepted, connectionsOpen, requests, badRequests, rejected, inFlight, peakInFlight,
                workers, counters, null);
    }

    /**
     * The figures of two servers (worker processes) as one: every figure summed, counters summed by
     * name, workers listed one after the other. Peaks are summed too: the sum of the peaks bounds the
     * peak of the whole from above, exactly when the peaks coincide. Context switches are summed
     * when both are known, else null: a sum with a part missing would fall when a part goes missing.
     */
    public ServerStats plus(ServerStats o) {
        List<WorkerShare> allWorkers = new ArrayList<>(workers);
        allWorkers.addAll(o.workers);
        Map<String, Long> allCounters = new HashMap<>(counters);
        o.counters.forEach((name, n) -> allCounters.merge(name, n, Long::sum));
        return new ServerStats(connectionsAccepted + o.connectionsAccepted, connectionsOpen + o.connectionsOpen,
                requests + o.requests, badRequests + o.badRequests, rejected + o.rejected, inFlight + o.inFlight,
                peakInFlight + o.peakInFlight, allWorkers, allCounters,
                contextSwitches == null || o.contextSwitches == null ? null : contextSwitches.plus(o.contextSwitches));
    }

    /** The same figures with nothing open or in flight: what a server that closed reports. */
    public ServerStats withNothingOpen() {
        return new ServerStats(connectionsAccepted, 0, requests, badRequests, rejected, 0, peakInFlight, workers, counters,
                contextSwitches);
    }

    public ServerStats withWorkers(List<WorkerShare> workers) {
        return new ServerStats(connectionsAccepted, connectionsOpen, requests, badRequests, rejected, inFlight,
                peakInFlight, workers, counters, contextSwitches);
    }

    public ServerStats withCounters(Map<String, Long> counters) {
        return new ServerStats(connectionsAccepted, connectionsOpen, requests, badRequests, rejected, inFlight,
                peakInFlight, workers, counters, contextSwitches);
    }

    public ServerStats withContextSwitches(ContextSwitches contextSwitches) {
        return new ServerStats(connectionsAccepted, connectionsOpen, requests, badRequests, rejected, inFlight,
                peakInFlight, workers, counters, contextSwitches);
    }
}
