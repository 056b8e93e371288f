package io.concbench.compare;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;
import io.concbench.harness.serve.DurationConverter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything one compare matrix needs, every default in one place. Validated on construction: a bad
 * value is an {@link IllegalArgumentException} naming the {@code concbench compare} option to fix.
 * The defaults are chosen so that a bare {@code concbench compare} finishes in about three minutes on
 * a 2-core machine.
 *
 * @param models model specs ({@code name} or {@code name:workers}), in the order runs interleave ({@code --models})
 * @param workloads workload ids, each once, in run order ({@code --workloads})
 * @param connections connection counts for load workloads ({@code --connections})
 * @param memoryConnections idle connections held in the memory step, capped by the open-file limit ({@code --memory-connections})
 * @param duration measured time per run ({@code --duration})
 * @param warmup unmeasured time before it, in the same client and server JVMs ({@code --warmup})
 * @param repeats runs per (model, workload, connections), interleaved across models ({@code --repeats})
 * @param rate open-loop requests per second; 0 for closed loop ({@code --rate})
 * @param serverCpus taskset CPU list for servers; "" = unpinned ({@code --server-cpus})
 * @param clientCpus taskset CPU list for clients; "" = unpinned ({@code --client-cpus})
 * @param heap -Xms and -Xmx for servers ({@code --heap})
 * @param jvmArgs extra server JVM flags ({@code --jvm-arg})
 * @param serverJava the java binary that runs servers; a JDK directory is resolved to its bin/java ({@code --java})
 * @param driver builtin, wrk or h2load ({@code --driver})
 * @param clientThreads event loops of the built-in client ({@code --client-threads})
 * @param jfr record a JFR file per server run ({@code --jfr})
 * @param outRoot where the timestamped run directory is created ({@code --out})
 * @param requests closed loop: answer exactly this many requests per run instead of running for
 *                 {@code duration} (as {@code ab -n}); 0 = use the duration ({@code --requests})
 * @param disturbedAbovePercent a run whose outside CPU (what processes other than the server, the client
 *                              and compare used) exceeds this % of one core is flagged disturbed ({@code --disturbed-above})
 * @param crossCheck also drive each plaintext/json cell with wrk and h2load, where installed, and compare
 *                   their req/s and p50 with the built-in client's ({@code --crosscheck})
 */
public record CompareOptions(List<String> models, List<String> workloads, List<Integer> connections,
                             List<Integer> memoryConnections, Duration duration, Duration warmup, int repeats,
                             double rate, String serverCpus, String clientCpus, String heap, List<String> jvmArgs,
                             Path serverJava, String driver, int clientThreads, boolean jfr, Path outRoot,
                             long requests, double disturbedAbovePercent, boolean crossCheck) {

    // Strings, because concbench compare's options show them as their defaults (picocli annotations
    // need constants); defaults() parses the same strings, so the two cannot drift apart.
    public static final String DEFAULT_WORKLOADS = "plaintext,io,memory";
    public static final String DEFAULT_CONNECTIONS = "100";
    public static final String DEFAULT_MEMORY_CONNECTIONS = "10000";
    public static final String DEFAULT_DURATION = "4s";
    public static final String DEFAULT_WARMUP = "2s";
    public static final int DEFAULT_REPEATS = 1;
    public static final String DEFAULT_HEAP = "1g";
    public static final String DEFAULT_DRIVER = "builtin";
    public static final int DEFAULT_CLIENT_THREADS = 1;
    /**
     * Outside CPU above a tenth of a core disturbs a run: the suggestion, and on the 2-core
     * machine the defaults target, a tenth of a core taken from a pinned server or client is a
     * 10 % swing in what that side can do.
     */
    public static final String DEFAULT_DISTURBED_ABOVE_PERCENT = "10";
    /** The tools {@code --crosscheck} drives beside the built-in client, in this order. */
    static final List<String> CROSS_CHECK_DRIVERS = List.of("wrk", "h2load");
    /** Blocking models first, then the event-driven ones, as the chapter's argument runs. */
    static final List<String> DEFAULT_MODEL_ORDER = List.of("threadpool", "thread-per-connection", "virtual", "reactor", "multiprocess");
    /**
     * Models run only when --models names them: netty is the industry's reference beside the chapter's
     * models, not one of them; epoll is the reactor again on raw epoll, and needs JDK 22+ on Linux,
     * where a default compare must run on any JDK 21+ and OS.
     */
    static final List<String> ON_REQUEST_ONLY = List.of("netty", "epoll");

    static final List<String> DRIVERS = List.of("builtin", "wrk", "h2load");
    /** File descriptors the holder keeps for itself beside the held connections. */
    static final int RESERVED_FILES = 200;

    public CompareOptions {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("--models is empty; name at least one (concbench models lists them)");
        }
        List<String> known = knownModels();
        for (String spec : models) {
            String m = ModelSpec.parse(spec).name();
            if (!known.contains(m)) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "'; known models: " + String.join(", ", known));
            }
        }
        workloads = workloads.stream().map(Workload::parse).distinct().map(Workload::id).toList();
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
        if (!DRIVERS.contains(driver)) {
            throw new IllegalArgumentException("--driver must be one of " + String.join(", ", DRIVERS) + ", got " + driver);
        }
        if (clientThreads < 1) {
            throw new IllegalArgumentException("--client-threads must be at least 1, got " + clientThreads);
        }
        if (!(disturbedAbovePercent >= 0)) {
            throw new IllegalArgumentException("--disturbed-above must be a percentage of one core, 0 or more (e.g. 10), got " + disturbedAbovePercent);
        }
        if (crossCheck && !driver.equals("builtin")) {
            throw new IllegalArgumentException("--crosscheck checks the built-in client against wrk and h2load; drop --driver " + driver);
        }
        for (String spec : models) {
            ModelSpec parsed = ModelSpec.parse(spec);
            if (parsed.chained() && (!driver.equals("builtin") || crossCheck)) {
                throw new IllegalArgumentException("--models " + spec + ": a chained model needs the auth header only the built-in client sends; "
                        + (crossCheck ? "drop --crosscheck" : "drop --driver " + driver) + " or the +" + parsed.chain());
            }
        }
        if (crossCheck && rate > 0) {
            throw new IllegalArgumentException("--crosscheck: wrk and h2load are closed-loop only; drop --rate");
        }
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 512m or 1g, got " + heap);
        }
        serverJava = javaBinary(serverJava);
        models = List.copyOf(models);
        connections = List.copyOf(connections);
        memoryConnections = List.copyOf(memoryConnections);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * Every model in {@link #DEFAULT_MODEL_ORDER}, every other option at its default: servers on the
     * first half of the cores and clients on the second, servers run by this JVM's java, run
     * directories under {@code $CONCBENCH_HOME/results/runs} (or {@code results/runs} here).
     */
    public static CompareOptions defaults() {
        String[] split = defaultSplit(Runtime.getRuntime().availableProcessors());
        String home = System.getenv(Compare.HOME_ENV);
        Path outRoot = home != null ? Path.of(home, "results", "runs") : Path.of("results", "runs");
        return new CompareOptions(defaultModelOrder(knownModels()), List.of(DEFAULT_WORKLOADS.split(",")),
                integers(DEFAULT_CONNECTIONS), integers(DEFAULT_MEMORY_CONNECTIONS),
                new DurationConverter().convert(DEFAULT_DURATION), new DurationConverter().convert(DEFAULT_WARMUP),
                DEFAULT_REPEATS, 0, split[0], split[1], DEFAULT_HEAP, List.of(), Launcher.currentJava(), DEFAULT_DRIVER,
                DEFAULT_CLIENT_THREADS, false, outRoot, 0, Double.parseDouble(DEFAULT_DISTURBED_ABOVE_PERCENT), false);
    }

    public CompareOptions withModels(List<String> m) {
        return new CompareOptions(m, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    /** Workload ids (plaintext, json, io, cpu, memory); a repeated one runs once. */
    public CompareOptions withWorkloads(List<String> w) {
        return new CompareOptions(models, w, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withConnections(List<Integer> c) {
        return new CompareOptions(models, workloads, c, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withMemoryConnections(List<Integer> c) {
        return new CompareOptions(models, workloads, connections, c, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withDuration(Duration d) {
        return new CompareOptions(models, workloads, connections, memoryConnections, d, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withWarmup(Duration d) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, d, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withRepeats(int n) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, n, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withRate(double perSecond) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, perSecond,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    /** A taskset CPU list; "" runs servers unpinned. */
    public CompareOptions withServerCpus(String cpus) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                cpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    /** A taskset CPU list; "" runs clients unpinned. */
    public CompareOptions withClientCpus(String cpus) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, cpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withHeap(String size) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, size, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withJvmArgs(List<String> flags) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, flags, serverJava, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    /** A java binary, or a JDK directory holding bin/java. */
    public CompareOptions withServerJava(Path java) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, java, driver, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withDriver(String d) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, d, clientThreads, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withClientThreads(int n) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, n, jfr, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withJfr(boolean on) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, on, outRoot, requests, disturbedAbovePercent, crossCheck);
    }

    public CompareOptions withOutRoot(Path dir) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, dir, requests, disturbedAbovePercent, crossCheck);
    }

    /** Closed loop: answer exactly {@code n} requests per run instead of running for the duration; 0 = the duration. */
    public CompareOptions withRequests(long n) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, n, disturbedAbovePercent, crossCheck);
    }

    /** Outside CPU, in % of one core, above which a run is flagged disturbed. */
    public CompareOptions withDisturbedAbovePercent(double percent) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests,
                percent, crossCheck);
    }

    /** Also drive plaintext/json cells with wrk and h2load (where installed) and compare with the built-in client. */
    public CompareOptions withCrossCheck(boolean on) {
        return new CompareOptions(models, workloads, connections, memoryConnections, duration, warmup, repeats, rate,
                serverCpus, clientCpus, heap, jvmArgs, serverJava, driver, clientThreads, jfr, outRoot, requests,
                disturbedAbovePercent, on);
    }

    /** The workloads to run, in order. */
    List<Workload> workloadKinds() {
        return workloads.stream().map(Workload::parse).toList();
    }

    private static List<String> knownModels() {
        return ServerModels.all().stream().map(ServerModel::name).toList();
    }

    /**
     * {@link #DEFAULT_MODEL_ORDER}'s models that are present, then any others in the order given (ServerModels
     * sorts them by name), less {@link #ON_REQUEST_ONLY}.
     */
    static List<String> defaultModelOrder(List<String> known) {
        List<String> first = DEFAULT_MODEL_ORDER.stream().filter(known::contains).toList();
        return Stream.concat(first.stream(), known.stream()
                .filter(m -> !DEFAULT_MODEL_ORDER.contains(m) && !ON_REQUEST_ONLY.contains(m))).toList();
    }

    /** A java binary, or a JDK directory holding bin/java. */
    static Path javaBinary(Path p) {
        Path candidate = Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p;
        if (!Files.isExecutable(candidate)) {
            throw new IllegalArgumentException("--java " + p + ": no executable java there; give a java binary or a JDK directory");
        }
        return candidate;
    }

    private static List<Integer> integers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(Integer::valueOf).toList();
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
