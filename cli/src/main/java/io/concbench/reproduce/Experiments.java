package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concbench.compare.Compare;
import io.concbench.compare.CompareOptions;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;
import io.concbench.micro.hazards.Hazards;
import io.concbench.report.Reports;
import io.concbench.report.Units;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every experiment reproduce can run, by id. The chapter's own parameters (1,000 connections and
 * 10,000 requests for T6, 5,000 and 10,000 idle connections for T11, 100 ms sleeps for T2) are fixed
 * here; how long and how often things run comes from {@link Settings}.
 */
final class Experiments {

    static final String HAZARDS = "hazards";
    static final String SWITCH = "jmh-switch";
    static final String SWITCH_PINNED = "jmh-switch-pinned";
    static final String THREAD_START = "jmh-thread-start";
    static final String SCHEDULER = "jmh-scheduler";
    static final String SYNC = "jmh-sync";
    static final String CHAIN = "jmh-chain";
    static final String SLEEPERS = "sleepers";
    static final String MEMORY = "memory";
    static final String T6 = "t6";
    static final String JFR = "t13-jfr";
    /** T12 end to end: the same server behind a static and a dynamic chain, driven by load in alternating rounds. */
    static final String T12_END_TO_END = "t12-end-to-end";
    /** T11's sync.Pool claim: bytes and GC cycles per request, fresh vs pooled vs owned buffers. */
    static final String BUFFER_REUSE = "jmh-buffer-reuse";
    /** T6 by duration, beside the faithful {@code ab -n 10000} run: rounds long enough to reach a steady state. */
    static final String T6_TIMED = "t6-timed";

    /** T6 as the chapter ran it: {@code ab -c 1000 -n 10000}. */
    static final int T6_CONNECTIONS = (int) ChapterText.claim("T6", "clients");
    static final long T6_REQUESTS = (long) ChapterText.claim("T6", "requests");
    /** With a request count, compare's duration only bounds how long a client may take (plus compare's own slack). */
    static final Duration T6_CLIENT_TIME = Duration.ofSeconds(30);
    /** T11's connection counts, one per printed row; T4 reads the larger. */
    static final List<Integer> MEMORY_CONNECTIONS = Arrays.stream(ChapterText.claims("T11", "connections")).mapToObj(n -> (int) n).toList();
    static final int LARGEST_MEMORY_CONNECTIONS = MEMORY_CONNECTIONS.stream().mapToInt(Integer::intValue).max().orElseThrow();
    /** Enough connections for every JFR run to record real serving, few enough to start at once. */
    static final int JFR_CONNECTIONS = 50;
    /** T1/T3/T11's thread model, T11's coroutine model, T3/T4's event-driven model, T4's blocking pool. */
    static final String THREAD_PER_CONNECTION = "thread-per-connection";
    static final String VIRTUAL = "virtual";
    static final String REACTOR = "reactor";
    static final String THREADPOOL = "threadpool";
    static final String MULTIPROCESS = "multiprocess";
    /**
     * The one stand-in for the chapter's "traditional thread pool" (T2) and its blocking-I/O server
     * (T4): a fixed pool of platform threads with a bounded queue, as Tomcat. The memory experiment
     * measures it at every T11 connection count, beside thread-per-connection (blocking, unbounded).
     */
    static final String THREAD_POOL_STAND_IN = THREADPOOL;
    /** T4's blocking forms: the bounded pool and thread-per-connection. */
    static final List<String> BLOCKING_MODELS = List.of(THREAD_POOL_STAND_IN, THREAD_PER_CONNECTION);

    /**
     * T12's server: the goroutine-per-connection analogue (Go's net/http serves a goroutine per
     * connection), one spec for both chains so only the composition differs.
     */
    static final String T12_MODEL = VIRTUAL;
    static final String T12_STATIC = T12_MODEL + "+static";
    static final String T12_DYNAMIC = T12_MODEL + "+dynamic";
    /** The chapter gives no concurrency for T12; enough connections to keep one server core busy. */
    static final int T12_CONNECTIONS = 50;
    /** Each T12 round's directory: {@code t12-end-to-end/round-1/}. */
    static final String T12_ROUND_DIR = "round-";
    static final String BUFFER_REUSE_BENCHMARK = "BufferReuse";
    /** The per-request buffer ways BufferReuse measures (its benchmark methods). */
    static final List<String> BUFFER_VARIANTS = List.of("fresh", "pooled", "owned");

    static final String SLEEPERS_MAIN = "io.concbench.micro.threads.Sleepers";
    static final String HAZARDS_MAIN = Hazards.class.getName();
    /** As scripts/micro runs it: a heap large enough for 100,000 virtual threads' stacks. */
    static final List<String> SLEEPERS_JVM_FLAGS = List.of("-Xmx1g");
    /** Beyond its start budget, how long a sleepers JVM may take to finish its sleeps and exit. */
    static final long SLEEPERS_SLACK_MILLIS = 300_000;
    /** A JMH run is killed after this many times its estimate, plus the slack. */
    static final int JMH_LIMIT_FACTOR = 4;
    static final long JMH_SLACK_SECONDS = 120;
    static final long COMPARE_RUN_ESTIMATE_SECONDS = 15;
    static final long HAZARDS_ESTIMATE_SECONDS = 10;
    /** The demonstration cannot hang (every wait has a limit); this only bounds a broken child. */
    static final long HAZARDS_LIMIT_SECONDS = 300;
    static final String JMH_LOG_BENCHMARK = "# Benchmark: ";

    private Experiments() {}

    /** The single-process and multi-process T6 models on a machine with {@code cores} cores. */
    static List<String> t6Models(int cores) {
        return List.of(REACTOR + ":" + cores, MULTIPROCESS + ":" + cores, VIRTUAL);
    }

    static List<String> jfrModels(int cores) {
        return List.of(REACTOR + ":" + cores, MULTIPROCESS + ":" + cores);
    }

    /**
     * @param settings quick or full
     * @param benchmarksJar microbench/target/benchmarks.jar, as commands show it
     * @param runJar the copy of it this run loads (see {@link Reproduce#snapshot})
     * @param home the project root, to show paths relative to it
     * @param cores the machine's cores: T6's process count
     */
    static Map<String, Experiment> all(Settings settings, Path benchmarksJar, Path runJar, Path home, int cores) {
        Map<String, Experiment> all = new LinkedHashMap<>();
        Path taskset = ChildJvm.taskset();
        String shownJar = shown(home, benchmarksJar);
        String jmhPinning = "unpinned: JMH and its forks float over all " + cores + " CPUs";

        put(all, hazards(settings, runJar, shownJar));

        boolean every = settings.everyParam();
        put(all, jmh(SWITCH, "context switch: a token between two threads, platform vs virtual (one carrier)",
                settings, runJar, shownJar, null, null, jmhPinning, 4,
                List.of("ContextSwitch", "-p", "handoff=parkUnpark")));
        put(all, jmh(SWITCH_PINNED, "context switch between two platform threads on one CPU (as lmbench's lat_ctx)",
                settings, runJar, shownJar, taskset, "0",
                taskset == null ? "taskset not found: this run cannot be pinned" : "taskset -c 0: the JMH JVM and its forks on CPU 0",
                1, List.of("ContextSwitch.pingPong$", "-p", "threads=platform", "-p", "handoff=parkUnpark")));
        put(all, jmh(THREAD_START, "start and join one thread, and a batch of 100, platform vs virtual",
                settings, runJar, shownJar, null, null, jmhPinning, 5, List.of("ThreadStart")));
        List<String> scheduler = new ArrayList<>(List.of("Scheduler", "-prof", "io.concbench.micro.scheduler.SchedulerProfiler"));
        if (!every) {
            scheduler.addAll(List.of("-p", "workload=mixed"));
        }
        put(all, jmh(SCHEDULER, "bursts of 1,000 tasks through ForkJoinPool, FIFO, EDF and virtual-thread executors",
                settings, runJar, shownJar, null, null, jmhPinning, every ? 10 : 5, scheduler));
        put(all, jmh(SYNC, "one shared counter or value, 1 and 2 threads: atomic, locks, channels, read-only",
                settings, runJar, shownJar, null, null, jmhPinning, 16,
                List.of("SyncPrimitives\\.(OneThread|TwoThreads)\\.(unshared|atomicLong|atomicLongGet|synchronizedCounter"
                        + "|reentrantLock|arrayBlockingQueue|linkedTransferQueue|immutableRecordRead)$")));
        List<String> chain = new ArrayList<>(List.of("MiddlewareChain", "-prof", "gc"));
        if (!every) {
            chain.addAll(List.of("-p", "k=3"));
        }
        put(all, jmh(CHAIN, "the App behind K middlewares, dynamic (cursor per request) vs static (composed once)",
                settings, runJar, shownJar, null, null, jmhPinning, every ? 7 : 3, chain));

        put(all, jmh(BUFFER_REUSE, "a 4 KiB buffer per request: fresh, from a shared pool (sync.Pool's pattern) or owned by the connection",
                settings, runJar, shownJar, null, null, jmhPinning, BUFFER_VARIANTS.size(),
                List.of(BUFFER_REUSE_BENCHMARK, "-prof", "gc")));

        put(all, sleepers(settings, runJar, shownJar));

        List<String> memoryModels = List.of(THREAD_POOL_STAND_IN, THREAD_PER_CONNECTION, VIRTUAL, REACTOR);
        String memoryCounts = join(MEMORY_CONNECTIONS.stream().map(String::valueOf).toList());
        put(all, new Experiment(MEMORY, "memory per idle keep-alive connection at 5,000 and 10,000: the bounded pool, "
                + "thread-per-connection, virtual threads, the reactor",
                "concbench compare --models " + join(memoryModels) + " --workloads memory --memory-connections " + memoryCounts,
                "compare's default: server on CPU 0, client on CPU 1 (the connection holder runs in the reproduce JVM, unpinned)",
                (long) memoryModels.size() * MEMORY_CONNECTIONS.size() * COMPARE_RUN_ESTIMATE_SECONDS,
                (dir, out) -> {
                    Path d = dir.resolve(MEMORY);
                    return compareFiles(dir, d, Compare.runInto(memoryRequest(memoryModels, MEMORY_CONNECTIONS), d, out));
                }));

        List<String> t6 = t6Models(cores);
        String unpinned = "unpinned: server and client share all " + cores + " CPUs, as the chapter ran ab on the server's machine";
        put(all, new Experiment(T6, "ab -c 1000 -n 10000 against one process and against " + cores + " processes",
                "concbench compare --models " + join(t6) + " --workloads plaintext --connections " + T6_CONNECTIONS
                        + " --requests " + T6_REQUESTS + " --warmup " + settings.t6Warmup().toSeconds() + "s --repeats "
                        + settings.t6Repeats() + " --server-cpus '' --client-cpus ''",
                unpinned, (long) t6.size() * settings.t6Repeats() * COMPARE_RUN_ESTIMATE_SECONDS,
                (dir, out) -> {
                    Path d = dir.resolve(T6);
                    List<RunResult> runs = Compare.runInto(CompareOptions.defaults().withModels(t6)
                            .withWorkloads(List.of("plaintext")).withConnections(List.of(T6_CONNECTIONS))
                            .withMemoryConnections(List.of(LARGEST_MEMORY_CONNECTIONS)).withDuration(T6_CLIENT_TIME)
                            .withWarmup(settings.t6Warmup()).withRepeats(settings.t6Repeats()).withServerCpus("")
                            .withClientCpus("").withRequests(T6_REQUESTS), d, out);
                    return compareFiles(dir, d, runs);
                }));

        put(all, t6Timed(settings, t6, unpinned));
        put(all, t12EndToEnd(settings));

        List<String> jfr = jfrModels(cores);
        put(all, new Experiment(JFR, "a JFR recording per server run: how many files each model leaves to read",
                "concbench compare --models " + join(jfr) + " --workloads plaintext --connections " + JFR_CONNECTIONS
                        + " --duration " + settings.jfrDuration().toSeconds() + "s --warmup 1s --jfr --server-cpus '' --client-cpus ''",
                unpinned, (long) jfr.size() * COMPARE_RUN_ESTIMATE_SECONDS,
                (dir, out) -> {
                    Path d = dir.resolve(JFR);
                    List<RunResult> runs = Compare.runInto(CompareOptions.defaults().withModels(jfr)
                            .withWorkloads(List.of("plaintext")).withConnections(List.of(JFR_CONNECTIONS))
                            .withMemoryConnections(List.of(LARGEST_MEMORY_CONNECTIONS)).withDuration(settings.jfrDuration())
                            .withWarmup(Duration.ofSeconds(1)).withServerCpus("").withClientCpus("").withJfr(true), d, out);
                    List<String> files = compareFiles(dir, d, runs);
                    files.add(JFR + "/" + Evidence.JFR_FILE);
                    countAndDropRecordings(d, jfr);
                    return files;
                }));
        return all;
    }

    /** T6's models for a fixed time each round, as many requests as they answer; rounds interleave the models. */
    private static Experiment t6Timed(Settings settings, List<String> models, String pinning) {
        Settings.Rounds r = settings.t6Timed();
        return new Experiment(T6_TIMED, "T6 by duration: " + Units.grouped(T6_CONNECTIONS) + " connections, " + r.describe() + " per model, interleaved",
                "concbench compare --models " + join(models) + " --workloads plaintext --connections " + T6_CONNECTIONS
                        + " --duration " + r.round().toSeconds() + "s --warmup " + r.warmup().toSeconds() + "s --repeats "
                        + r.rounds() + " --server-cpus '' --client-cpus ''",
                pinning, (long) models.size() * r.rounds() * (COMPARE_RUN_ESTIMATE_SECONDS + r.round().toSeconds()),
                (dir, out) -> {
                    Path d = dir.resolve(T6_TIMED);
                    List<RunResult> runs = Compare.runInto(CompareOptions.defaults().withModels(models)
                            .withWorkloads(List.of("plaintext")).withConnections(List.of(T6_CONNECTIONS))
                            .withMemoryConnections(List.of(LARGEST_MEMORY_CONNECTIONS)).withDuration(r.round())
                            .withWarmup(r.warmup()).withRepeats(r.rounds()).withServerCpus("").withClientCpus(""), d, out);
                    return compareFiles(dir, d, runs);
                });
    }

    /**
     * T12 end to end: {@link #T12_MODEL} behind serve's static and dynamic chains, one round at a
     * time, each round running both (static first in odd rounds, dynamic first in even ones, so a
     * drift of the machine does not favour one), each round into its own directory.
     */
    private static Experiment t12EndToEnd(Settings settings) {
        Settings.Rounds r = settings.t12();
        return new Experiment(T12_END_TO_END, "T12 end to end: " + T12_MODEL + " behind a static vs a dynamic 3-middleware chain, "
                + r.describe() + " each, alternating",
                "for each round: concbench compare --models " + T12_STATIC + "," + T12_DYNAMIC + " (odd rounds; "
                        + T12_DYNAMIC + "," + T12_STATIC + " in even ones) --workloads plaintext --connections " + T12_CONNECTIONS
                        + " --duration " + r.round().toSeconds() + "s --warmup " + r.warmup().toSeconds() + "s --repeats 1 --out "
                        + T12_END_TO_END + "/" + T12_ROUND_DIR + "N",
                "compare's default: server on CPU 0, client on CPU 1",
                2L * r.rounds() * (COMPARE_RUN_ESTIMATE_SECONDS + r.round().toSeconds()),
                (dir, out) -> {
                    Path d = dir.resolve(T12_END_TO_END);
                    List<RunResult> runs = new ArrayList<>();
                    for (int round = 1; round <= r.rounds(); round++) {
                        out.printf("    %s round %d of %d%n", T12_END_TO_END, round, r.rounds());
                        out.flush();
                        runs.addAll(Compare.runInto(CompareOptions.defaults().withModels(t12Order(round))
                                .withWorkloads(List.of("plaintext")).withConnections(List.of(T12_CONNECTIONS))
                                .withMemoryConnections(List.of(LARGEST_MEMORY_CONNECTIONS)).withDuration(r.round())
                                .withWarmup(r.warmup()).withRepeats(1), d.resolve(T12_ROUND_DIR + round), out));
                    }
                    return compareFiles(dir, d, runs);
                });
    }

    /** Which chain runs first in a T12 round: static in odd rounds, dynamic in even ones. */
    static List<String> t12Order(int round) {
        return round % 2 == 1 ? List.of(T12_STATIC, T12_DYNAMIC) : List.of(T12_DYNAMIC, T12_STATIC);
    }

    private static void put(Map<String, Experiment> all, Experiment e) {
        all.put(e.id(), e);
    }

    // ---- JMH ----------------------------------------------------------------------------------------

    private static Experiment jmh(String id, String title, Settings settings, Path jar, String shownJar, Path taskset,
                                  String cpus, String pinning, int benchmarks, List<String> selection) {
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString()));
        args.addAll(selection);
        args.addAll(settings.jmhOptions());
        args.addAll(List.of("-rf", "json", "-rff"));
        List<String> shownArgs = new ArrayList<>(args);
        shownArgs.set(1, shownJar);
        shownArgs.add(id + ".json");
        long estimate = Math.round(benchmarks * settings.jmhSecondsPerBenchmark());
        String command = ChildJvm.shell(ChildJvm.command(taskset == null ? null : Path.of("taskset"), cpus, Path.of("java"), shownArgs));
        return new Experiment(id, title, command, pinning, estimate, (dir, out) -> {
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing; build it with ./scripts/micro or "
                        + "./mvnw -pl microbench -am package -DskipTests (scripts/concbench reproduce does it for you)");
            }
            if (cpus != null && taskset == null) {
                throw new IOException("taskset is not installed (util-linux), so the run on one CPU cannot be pinned");
            }
            Path json = dir.resolve(id + ".json");
            Path log = dir.resolve(id + ".log");
            List<String> full = new ArrayList<>(args);
            full.add(json.toString());
            int code = ChildJvm.run(ChildJvm.command(taskset, cpus, ChildJvm.java(), full), log,
                    TimeUnit.SECONDS.toMillis(estimate * JMH_LIMIT_FACTOR + JMH_SLACK_SECONDS),
                    elapsed -> out.printf("    %s: %d of %d benchmarks started, %d s%n", id,
                            count(log, JMH_LOG_BENCHMARK), benchmarks, TimeUnit.MILLISECONDS.toSeconds(elapsed)));
            if (code != 0 || !Files.isRegularFile(json)) {
                throw new IOException("JMH " + (code == ChildJvm.KILLED ? "was killed at its time limit" : "exited with code " + code)
                        + (Files.isRegularFile(json) ? "" : " and wrote no results") + "; see " + log.getFileName()
                        + ": " + ChildJvm.tail(log));
            }
            return List.of(id + ".json", id + ".log");
        });
    }

    private static long count(Path log, String prefix) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith(prefix)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    // ---- T7 hazards ----------------------------------------------------------------------------------

    /**
     * The T7 demonstration in a fresh JVM, as the sleepers run: from the benchmarks jar, or, when
     * there is none (tests, a build without microbench's jar), from this JVM's class path, which
     * carries the hazards package (concbench.jar shades it in).
     */
    private static Experiment hazards(Settings settings, Path jar, String shownJar) {
        String file = HAZARDS + ".json";
        String log = HAZARDS + ".log";
        return new Experiment(HAZARDS, "T7 demonstration: lost updates, a lock-order deadlock, starvation under an unfair lock",
                ChildJvm.shell(ChildJvm.command(null, null, Path.of("java"), hazardsArgs(settings, shownJar, file))),
                "unpinned, platform daemon threads in a fresh JVM", HAZARDS_ESTIMATE_SECONDS, (dir, out) -> {
                    String classPath = Files.isRegularFile(jar) ? jar.toString() : System.getProperty("java.class.path");
                    Path json = dir.resolve(file);
                    int code = ChildJvm.run(ChildJvm.command(null, null, ChildJvm.java(), hazardsArgs(settings, classPath, json.toString())),
                            dir.resolve(log), TimeUnit.SECONDS.toMillis(HAZARDS_LIMIT_SECONDS), elapsed -> { });
                    if (code != 0 || !Files.isRegularFile(json)) {
                        throw new IOException("the T7 demonstration " + (code == ChildJvm.KILLED ? "was killed at its time limit"
                                : "exited with code " + code) + (Files.isRegularFile(json) ? "" : " and wrote no results")
                                + "; see " + log + ": " + ChildJvm.tail(dir.resolve(log)));
                    }
                    return List.of(file, log);
                });
    }

    private static List<String> hazardsArgs(Settings settings, String classPath, String file) {
        List<String> args = new ArrayList<>(List.of("-cp", classPath, HAZARDS_MAIN));
        args.addAll(settings.hazards().args());
        args.add(file);
        return args;
    }

    // ---- sleepers -----------------------------------------------------------------------------------

    private static Experiment sleepers(Settings settings, Path jar, String shownJar) {
        long limit = settings.sleepersBudgetMillis() + SLEEPERS_SLACK_MILLIS;
        long estimate = 0;
        List<String> commands = new ArrayList<>();
        for (SleeperVariant v : settings.sleepers()) {
            commands.add(ChildJvm.shell(ChildJvm.command(null, null, Path.of("java"), sleepersArgs(v, shownJar, settings))));
            estimate += v.kind().equals(SleeperVariant.PLATFORM) ? TimeUnit.MILLISECONDS.toSeconds(settings.sleepersBudgetMillis()) / 2
                    : HAZARDS_ESTIMATE_SECONDS;  // a platform run spends about half its budget starting threads
        }
        return new Experiment(SLEEPERS, "N workers that each sleep 100 ms, platform vs virtual threads, a fresh JVM each",
                String.join(" ; ", commands), "unpinned", estimate, (dir, out) -> {
                    if (!Files.isRegularFile(jar)) {
                        throw new IOException(jar + " is missing; build it with ./scripts/micro or "
                                + "./mvnw -pl microbench -am package -DskipTests");
                    }
                    Path file = dir.resolve(SLEEPERS + ".json");
                    Path log = dir.resolve(SLEEPERS + ".log");
                    ObjectNode root = Json.MAPPER.createObjectNode();
                    ArrayNode variants = root.putArray("variants");
                    int ok = 0;
                    for (SleeperVariant v : settings.sleepers()) {
                        out.printf("    sleepers: %s%n", v.label());
                        out.flush();
                        ObjectNode n = variants.addObject();
                        n.put("kind", v.kind()).put("tasks", v.tasks()).put("allAtOnce", v.allAtOnce())
                                .put("command", ChildJvm.shell(ChildJvm.command(null, null, Path.of("java"), sleepersArgs(v, shownJar, settings))));
                        List<String> args = sleepersArgs(v, jar.toString(), settings);
                        ChildJvm.Outcome o = ChildJvm.capture(ChildJvm.command(null, null, ChildJvm.java(), args), log, limit);
                        String line = o.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
                        if (o.exitCode() == 0 && !line.isEmpty()) {
                            n.put("ok", true).put("failure", "").set("result", Json.MAPPER.readTree(line));
                            ok++;
                        } else {
                            n.put("ok", false).put("failure", (o.exitCode() == ChildJvm.KILLED ? "killed at its time limit"
                                    : "the JVM exited with code " + o.exitCode()) + "; see " + log.getFileName() + ": " + ChildJvm.tail(log));
                        }
                        Json.writeAtomically(file, root);
                    }
                    if (ok == 0) {
                        throw new IOException("no sleepers run succeeded; see " + log.getFileName() + ": " + ChildJvm.tail(log));
                    }
                    return List.of(SLEEPERS + ".json", SLEEPERS + ".log");
                });
    }

    private static List<String> sleepersArgs(SleeperVariant v, String jar, Settings settings) {
        List<String> args = new ArrayList<>(SLEEPERS_JVM_FLAGS);
        args.addAll(List.of("-cp", jar, SLEEPERS_MAIN, "--kind", v.kind(), "--tasks", Integer.toString(v.tasks()),
                "--start-budget-ms", Long.toString(settings.sleepersBudgetMillis())));
        if (!v.allAtOnce()) {
            args.add("--no-all-at-once");
        }
        return args;
    }

    // ---- compare ------------------------------------------------------------------------------------

    private static CompareOptions memoryRequest(List<String> models, List<Integer> connections) {
        return CompareOptions.defaults().withModels(models).withWorkloads(List.of("memory")).withConnections(List.of(1))
                .withMemoryConnections(connections).withDuration(Duration.ofSeconds(1)).withWarmup(Duration.ZERO);
    }

    /** The run files compare wrote, and its summary beside them for a human reader. */
    private static List<String> compareFiles(Path dir, Path d, List<RunResult> runs) throws IOException {
        if (runs.stream().noneMatch(RunResult::ok)) {
            throw new IOException("every run failed: " + runs.stream().map(r -> r.model() + ": " + r.failure()).distinct()
                    .reduce((a, b) -> a + "; " + b).orElse("no run"));
        }
        try {
            Reports.write(runs, d);
        } catch (IOException | RuntimeException e) {
            // The summary is a convenience; the run JSON files are the evidence.
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(d)) {
            s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().forEach(files::add);
        }
        return files;
    }

    /**
     * Writes {@link Evidence#JFR_FILE}: which recordings each model's run left, then deletes them.
     * Recordings are megabytes each and nothing reads them here; the count is the finding.
     */
    private static void countAndDropRecordings(Path d, List<String> models) throws IOException {
        Path jfrDir = d.resolve("jfr");
        List<Path> recordings = new ArrayList<>();
        if (Files.isDirectory(jfrDir)) {
            try (Stream<Path> s = Files.list(jfrDir)) {
                s.filter(p -> p.toString().endsWith(".jfr")).sorted().forEach(recordings::add);
            }
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("note", "JFR recordings each server run left (compare --jfr), counted and then deleted to keep results small");
        ObjectNode byModel = root.putObject("recordings");
        for (String model : models) {
            String stem = fileStem(model) + "-";
            ArrayNode files = byModel.putArray(model);
            for (Path p : recordings) {
                if (p.getFileName().toString().startsWith(stem)) {
                    files.addObject().put("file", p.getFileName().toString()).put("bytes", Files.size(p));
                }
            }
        }
        Json.writeAtomically(d.resolve(Evidence.JFR_FILE), root);
        for (Path p : recordings) {
            Files.deleteIfExists(p);
        }
        if (Files.isDirectory(jfrDir)) {
            try (Stream<Path> s = Files.list(jfrDir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(jfrDir);
                }
            }
        }
    }

    /** compare's file-name form of a model spec: {@code reactor:2} is {@code reactor-w2}, {@code virtual+static} is {@code virtual-static}. */
    static String fileStem(String spec) {
        int plus = spec.indexOf('+');
        String chain = plus < 0 ? "" : "-" + spec.substring(plus + 1);
        String rest = plus < 0 ? spec : spec.substring(0, plus);
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon) + "-w" + rest.substring(colon + 1)) + chain;
    }

    static String shown(Path home, Path p) {
        try {
            Path rel = home.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
            return rel.startsWith("..") ? p.toString() : rel.toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static String join(List<String> items) {
        return String.join(",", items);
    }

    /** Reads one JSON tree; a helper for {@link Evidence}. */
    static JsonNode tree(Path file) throws IOException {
        return Json.MAPPER.readTree(file.toFile());
    }
}
