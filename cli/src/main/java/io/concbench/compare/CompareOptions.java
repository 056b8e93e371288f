package io.concbench.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a compare run is told, validated and with defaults resolved (the defaults themselves
 * are in {@link Compare}).
 *
 * @param models model specs ({@code name} or {@code name:workers}), in the order runs interleave
 * @param workloads what to drive
 * @param connections connection counts for load workloads
 * @param duration measured time per run
 * @param warmup unmeasured time before it, in the same client and server JVMs
 * @param repeats runs per (model, workload, connections), interleaved across models
 * @param rate open-loop requests per second; 0 for closed loop
 * @param serverCpus taskset CPU list for servers; "" = unpinned
 * @param clientCpus taskset CPU list for clients; "" = unpinned
 * @param heap -Xms and -Xmx for servers
 * @param jvmArgs extra server JVM flags
 * @param serverJava the java binary that runs servers
 * @param driver builtin, wrk or h2load
 * @param jfr record a JFR file per server run
 * @param memoryConnections idle connections held in the memory step (capped by the open-file limit)
 * @param clientThreads event loops of the built-in client
 * @param outRoot where the timestamped run directory is created
 * @param requests closed loop: answer exactly this many requests per run instead of running for
 *                 {@code duration} (as {@code ab -n}); 0 = use the duration
 */
record CompareOptions(List<String> models, List<Workload> workloads, List<Integer> connections,
                      Duration duration, Duration warmup, int repeats, double rate,
                      String serverCpus, String clientCpus, String heap, List<String> jvmArgs,
                      Path serverJava, String driver, boolean jfr, List<Integer> memoryConnections,
                      int clientThreads, Path outRoot, long requests) {

    static final List<String> DRIVERS = List.of("builtin", "wrk", "h2load");
    /** File descriptors the holder keeps for itself beside the held connections. */
    static final int RESERVED_FILES = 200;

    CompareOptions {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--models is empty; name at least one (concbench models lists them)");
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("--workloads is empty; e.g. --workloads plaintext,io,memory");
        }
        for (int c : connections) {
            if (c < 1) {
                throw new IllegalArgumentException("--connections must be at least 1, got " + c);
            }
        }
        for (int c : memoryConnections) {
            if (c < 1) {
                throw new IllegalArgumentException("--memory-connections must be at least 1, got " + c);
            }
        }
        if (duration.isNegative() || duration.isZero() || duration.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--duration must be a whole number of seconds, e.g. 5s; got " + duration);
        }
        if (warmup.isNegative() || warmup.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--warmup must be a whole number of seconds (0s for none); got " + warmup);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 (closed loop) or more, got " + rate);
        }
        if (requests < 0) {
            throw new IllegalArgumentException("--requests must be 0 (use --duration) or more, got " + requests);
        }
        if (requests > 0 && rate > 0) {
            throw new IllegalArgumentException("--requests counts a closed-loop run; with --rate use --duration");
        }
        for (String m : models) {
            ModelSpec.parse(m);
        }
        if (!DRIVERS.contains(driver)) {
            throw new IllegalArgumentException("--driver must be one of " + String.join(", ", DRIVERS) + ", got " + driver);
        }
        if (clientThreads < 1) {
            throw new IllegalArgumentException("--client-threads must be at least 1, got " + clientThreads);
        }
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 512m or 1g, got " + heap);
        }
        models = List.copyOf(models);
        workloads = List.copyOf(workloads);
        connections = List.copyOf(connections);
        jvmArgs = List.copyOf(jvmArgs);
        memoryConnections = List.copyOf(memoryConnections);
    }

    /** CPU lists that split {@code cores} in two halves: servers on the first, clients on the second. */
    static String[] defaultSplit(int cores) {
        if (cores < 2) {
            return new String[] {"", ""};
        }
        int half = cores / 2;
        return new String[] {range(0, half - 1), range(half, cores - 1)};
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
