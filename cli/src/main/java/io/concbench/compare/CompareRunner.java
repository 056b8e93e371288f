package io.concbench.compare;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.ServerStats;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import io.concbench.loadgen.IdleConnections;
import io.concbench.report.Units;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the compare matrix: for each workload, connection count and repeat, every model in turn, each
 * run in a fresh server JVM and a fresh client JVM. Writes one JSON per run as soon as it ends, so an
 * interrupted matrix keeps what finished. Called from one thread; {@link #abort()} may be called from
 * a shutdown hook.
 */
final class CompareRunner {

    static final String CLIENT_MAIN = "io.concbench.cli.Main";
    static final List<String> CLIENT_JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");
    static final String NMT_FLAG = "-XX:NativeMemoryTracking=summary";
    /**
     * The server reads its context switches with getrusage through java.lang.foreign (Rusage); without
     * this JDK 22+ prints a four-line warning per process, and a later JDK will refuse the call.
     * JDK 17+ accept the flag; multiprocess workers inherit it.
     */
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";
    /** Beyond warm-up and duration, how long a client may take to start, connect and drain before it is killed. */
    static final long CLIENT_SLACK_MILLIS = 60_000;
    static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final CompareOptions options;
    private final PrintWriter out;
    private final Launcher launcher;
    private final HostInfo host = HostInfo.detect();
    private final Path dir;
    private final List<RunResult> finished = Collections.synchronizedList(new ArrayList<>());
    private final ExternalDriver external;
    private final java.util.Optional<Path> perf = PerfStat.find();
    /** With --crosscheck, the tools found on PATH; empty otherwise. */
    private final List<ExternalDriver> crossCheckers;
    /** What --crosscheck has to say before the runs (a tool missing), printed under the header. */
    private final String crossCheckNote;
    private volatile boolean aborted;
    private boolean perfComplained;

    CompareRunner(CompareOptions options, PrintWriter out, Path dir) {
        this.options = options;
        this.out = out;
        this.launcher = Launcher.of(options.serverJava());
        this.dir = dir;
        this.external = options.driver().equals("builtin") ? null : ExternalDriver.find(options.driver());
        StringWriter note = new StringWriter();
        this.crossCheckers = options.crossCheck()
                ? crossCheckers(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), new PrintWriter(note)) : List.of();
        if (options.crossCheck() && options.workloadKinds().stream().noneMatch(Workload::crossCheckable)) {
            note.append("--crosscheck: no plaintext or json workload to cross-check").append(System.lineSeparator());
        }
        this.crossCheckNote = note.toString();
    }

    /** The cross-check tools on {@code path}; says once, on {@code out}, which are missing and how to get them. */
    static List<ExternalDriver> crossCheckers(String path, PrintWriter out) {
        List<ExternalDriver> found = new ArrayList<>();
        for (String tool : CompareOptions.CROSS_CHECK_DRIVERS) {
            ExternalDriver.onPath(tool, path).ifPresentOrElse(found::add, () ->
                    out.printf("%s not installed: %s (--crosscheck runs without it)%n", tool, ExternalDriver.installHint(tool)));
        }
        out.flush();
        return List.copyOf(found);
    }

    Path directory() {
        return dir;
    }

    List<RunResult> finished() {
        return List.copyOf(finished);
    }

    /** Runs every run of the matrix; returns the results, failed ones included. */
    List<RunResult> run() throws IOException {
        Files.createDirectories(dir);
        if (options.jfr()) {
            Files.createDirectories(dir.resolve("jfr"));       // the JVM will not create the recording's directory
        }
        out.printf("concbench compare -> %s%n", dir);
        out.printf("machine: %s, %d cores, kernel %s%n", host.cpuModel(), host.cores(), host.kernel());
        out.printf("pinning: %s%n", pinningNote());
        out.printf("context switches: the server's getrusage (its /proc threads where unavailable)%s%n",
                perf.isPresent() ? "; perf stat as a cross-check" : "; perf not installed, no cross-check");
        out.print(crossCheckNote);
        out.flush();
        for (Workload w : options.workloadKinds()) {
            if (w == Workload.MEMORY) {
                for (int n : options.memoryConnections()) {
                    for (String model : options.models()) {
                        if (!aborted) {
                            record(memoryRun(model, n));
                        }
                    }
                }
                continue;
            }
            for (int c : options.connections()) {
                for (int r = 1; r <= options.repeats(); r++) {
                    for (String model : options.models()) {
                        if (!aborted) {
                            record(loadRun(model, w, c, r, external, false));
                        }
                    }
                }
                if (w.crossCheckable()) {
                    // Once per cell, after the built-in repeats: the report sets them against the built-in median.
                    for (String model : options.models()) {
                        for (ExternalDriver tool : crossCheckers) {
                            if (!aborted) {
                                record(loadRun(model, w, c, 1, tool, true));
                            }
                        }
                    }
                }
            }
        }
        return finished();
    }

    private void record(RunResult r) throws IOException {
        if (aborted) {
            return;                                     // a run cut short by Ctrl-C is not a result
        }
        Json.writeAtomically(dir.resolve(fileName(r)), r);
        finished.add(r);
        out.println(oneLine(r));
        out.flush();
    }

    static String fileName(RunResult r) {
        boolean crossCheck = r.environment() != null && r.environment().crossCheck();
        return ModelSpec.parse(r.model()).fileStem() + "-" + r.workload() + "-" + r.connections() + "-r" + r.repeat()
                + (crossCheck ? "-" + r.environment().driver() : "") + ".json";
    }

    private String oneLine(RunResult r) {
        boolean crossCheck = r.environment() != null && r.environment().crossCheck();
        String what = String.format("%-22s %-9s c=%-6d %s", r.model(), r.workload(), r.connections(),
                crossCheck ? r.environment().driver() : "r" + r.repeat());
        if (!r.ok()) {
            return what + "  FAILED: " + r.failure();
        }
        if (r.memory() != null) {
            RunResult.MemoryFigures m = r.memory();
            return String.format("%s  held %d: heap %s/conn, RSS %s/conn%s", what, m.held(),
                    bytes(m.heapBytesPerConnection(), m.noise() == null ? null : m.noise().heapBytes(), m.held()),
                    bytes(m.rssBytesPerConnection(), m.noise() == null ? null : m.noise().rssBytes(), m.held()),
                    m.note().isEmpty() ? "" : " (" + m.note() + ")");
        }
        LoadResult l = r.load();
        return String.format("%s  %,.0f req/s, p50 %s, p99 %s, errors %d%s", what, l.requestsPerSecond(),
                millis(l.latency().p50Nanos()), millis(l.latency().p99Nanos()), l.errors() == null ? 0 : l.errors().total(),
                clientBound(l) ? "  [client above 90% CPU: figures describe the client]" : "")
                + outside(r.environment() == null ? null : r.environment().machineLoad());
    }

    /** ", outside CPU 3 %", with the disturbed flag; "" when not measured. */
    static String outside(RunResult.MachineLoad m) {
        if (m == null || m.outsideCpuPercentOfOneCore() == null) {
            return "";
        }
        return String.format(", outside CPU %.0f %%%s", m.outsideCpuPercentOfOneCore(),
                m.disturbed() ? "  [disturbed: above " + Math.round(m.disturbedAbovePercent()) + " % of a core]" : "");
    }

    /** A progress-line latency: "1.23 ms", or "–" when the driver does not measure it (h2load prints no percentile). */
    private static String millis(Long nanos) {
        return nanos == null ? Units.NONE : String.format("%.2f ms", nanos / 1e6);
    }

    /** A progress-line per-connection figure against its noise band, as the summary shows it. */
    private static String bytes(Double perConnection, Long band, int held) {
        return Units.bytesAgainstNoise(perConnection == null ? Double.NaN : perConnection,
                band == null ? Double.NaN : band / (double) Math.max(1, held));
    }

    static boolean clientBound(LoadResult l) {
        return l.clientCpu() != null && l.clientCpu().availableProcessors() > 0
                && l.clientCpu().percentOfOneCore() / l.clientCpu().availableProcessors() > 90;
    }

    // ---- one load run ---------------------------------------------------------------------------

    /** What drives a run's load and reports the client's measured window. */
    interface LoadStep {
        LoadResult drive(String url) throws IOException;
    }

    /**
     * @param driver wrk or h2load, or null for the built-in client
     * @param crossCheck whether this run checks the built-in client's figures (--crosscheck)
     */
    private RunResult loadRun(String model, Workload w, int connections, int repeat, ExternalDriver driver, boolean crossCheck) {
        return loadRun(model, w, connections, repeat, driver == null ? "builtin" : driver.tool(), crossCheck,
                url -> driver != null
                        ? driver.drive(launcher, url, connections, options)
                        : builtinLoad(url, connections, model, w, repeat));
    }

    /** One load run with {@code step} as the client; package-private so a test can drive traffic compare has no option for. */
    RunResult loadRun(String model, Workload w, int connections, int repeat, String driverName, boolean crossCheck,
                      LoadStep step) {
        String started = Instant.now().toString();
        List<String> serverFlags = serverFlags(model, w, connections, repeat, false);
        RunResult.RunEnvironment env = environment(serverFlags, null, driverName, crossCheck);
        ServerProcess server;
        try {
            server = startServer(model, serverFlags);
        } catch (IOException e) {
            return failed(model, w, connections, repeat, started, env, "server failed to start: " + e.getMessage());
        }
        env = environment(serverFlags, server.ready().path("jdk").asText(null), driverName, crossCheck);
        try (server; Sampler sampler = new Sampler(server.pid(), Sampler.DEFAULT_INTERVAL_MILLIS, () -> switchesOf(server));
             MachineCpu machine = new MachineCpu(MachineCpu.LIVE, MachineCpu.DEFAULT_INTERVAL_MILLIS)) {
            String url = "http://127.0.0.1:" + server.port() + w.target();
            PerfStat perfStat = startPerf(server.pid());
            List<PerfStat.Point> perfPoints;
            LoadResult load;
            try {
                load = step.drive(url);
            } catch (IOException e) {
                return failed(model, w, connections, repeat, started, env, "client failed: " + e.getMessage()
                        + (server.alive() ? "" : server.death()));
            } finally {
                perfPoints = stopPerf(perfStat);
            }
            sampler.sampleNow();
            machine.sampleNow();                        // the window's far edge, as for the server
            if (!server.alive()) {
                return failed(model, w, connections, repeat, started, env, "server died during the run" + server.death());
            }
            ServerStats stats = server.stats();
            long from = load.startedAtEpochMillis();
            long to = from + TimeUnit.NANOSECONDS.toMillis(load.durationNanos());
            RunResult.ServerFigures figures = sampler.figures(from, to, load.requests(), perfPoints);
            env = env.withMachineLoad(machine.load(from, to, figures == null ? null : figures.cpuPercentOfOneCore(),
                    load.clientCpu() == null ? null : load.clientCpu().percentOfOneCore(), options.disturbedAbovePercent()));
            return new RunResult(RunResult.SCHEMA, model, w.id(), w.target(), connections, options.rate(), repeat,
                    true, "", started, env, load, figures, stats, null);
        } catch (IOException e) {
            return failed(model, w, connections, repeat, started, env, e.getMessage());
        }
    }

    private List<PerfStat.Point> stopPerf(PerfStat perfStat) {
        if (perfStat == null) {
            return List.of();
        }
        List<PerfStat.Point> points = perfStat.stop();
        if (points.isEmpty() && !perfComplained) {
            perfComplained = true;                      // once, not per run
            out.println("perf stat counted nothing (" + perfStat.complaint() + "): no cross-check");
        }
        return points;
    }

    /** The server's own count of its switches, or empty when it cannot say (or did not answer). */
    private static java.util.Optional<io.concbench.harness.probe.ContextSwitches> switchesOf(ServerProcess server) {
        try {
            return java.util.Optional.ofNullable(server.stats().contextSwitches());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * perf stat over every process of the server's tree, from before the client starts to after it
     * ends (the window is cut out by interpolation); null without perf or when it cannot start.
     */
    private PerfStat startPerf(long serverPid) {
        if (perf.isEmpty()) {
            return null;
        }
        List<Long> pids = new ArrayList<>(List.of(serverPid));
        ProcessHandle.of(serverPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        try {
            return PerfStat.start(perf.get(), pids);
        } catch (IOException e) {
            return null;
        }
    }

    private LoadResult builtinLoad(String url, int connections, String model, Workload w, int repeat) throws IOException {
        Path json = dir.resolve("." + model + "-" + w.id() + "-" + connections + "-r" + repeat + ".load.json");
        List<String> args = new ArrayList<>(List.of("load", url, "-c", Integer.toString(connections),
                "--warmup", options.warmup().toSeconds() + "s",
                "-t", Integer.toString(options.clientThreads()), "--json", json.toString(), "--quiet"));
        if (options.requests() > 0) {
            args.addAll(List.of("-n", Long.toString(options.requests())));
        } else {
            args.addAll(List.of("-d", options.duration().toSeconds() + "s"));
        }
        for (String header : ModelSpec.parse(model).clientHeaders()) {
            args.addAll(List.of("-H", header));
        }
        if (options.rate() > 0) {
            args.add("-R");
            args.add(Long.toString(Math.round(options.rate())));
        }
        List<String> cmd = launcher.command(options.clientCpus(), CLIENT_JVM_FLAGS, CLIENT_MAIN, args);
        long limit = options.warmup().toMillis() + options.duration().toMillis() + CLIENT_SLACK_MILLIS;
        ChildProcess.Outcome o = ChildProcess.run(cmd, limit);
        try {
            if (o.exitCode() != 0 || !Files.exists(json)) {
                throw new IOException("load exited with code " + o.exitCode() + o.stderrTail());
            }
            return Json.MAPPER.readValue(json.toFile(), LoadResult.class);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    // ---- memory per connection ------------------------------------------------------------------

    private RunResult memoryRun(String model, int requested) {
        String started = Instant.now().toString();
        List<String> serverFlags = serverFlags(model, Workload.MEMORY, requested, 1, true);
        RunResult.RunEnvironment env = environment(serverFlags, null, options.driver(), false);
        int n = requested;
        String note = "";
        long limit = HostInfo.currentOpenFilesLimit();
        if (limit > 0 && n > limit - CompareOptions.RESERVED_FILES) {
            n = (int) Math.max(1, limit - CompareOptions.RESERVED_FILES);
            note = "capped at " + n + " by the open-file limit (" + limit + "); raise it with ulimit -n";
        }
        ServerProcess server;
        try {
            server = startServer(model, serverFlags);
        } catch (IOException e) {
            return failed(model, Workload.MEMORY, requested, 1, started, env, "server failed to start: " + e.getMessage());
        }
        env = environment(serverFlags, server.ready().path("jdk").asText(null), options.driver(), false);
        try (server) {
            // The first gc request loads what answering it needs: read once, uncounted (see RunResult.Noise).
            MemoryReport warmup = server.gc();
            // Each state twice, back to back: the second reading of a pair tells how far the figure moves by itself.
            MemoryDelta.Reading firstBaseline = reading(server);
            MemoryDelta.Reading baseline = reading(server);
            try (IdleConnections holder = IdleConnections.open(server.port(), n)) {
                if (!server.alive()) {
                    return failed(model, Workload.MEMORY, requested, 1, started, env,
                            "server died while " + holder.held() + " connections were open" + server.death());
                }
                MemoryDelta.Reading loaded = reading(server);
                MemoryDelta.Reading loadedAgain = reading(server);
                int held = holder.held();
                String why = join(note, holder.failureSummary());
                RunResult.MemoryFigures m = MemoryDelta.figures(requested, held, why, warmup, firstBaseline, baseline, loaded,
                        loadedAgain);
                ServerStats stats = server.stats();
                return new RunResult(RunResult.SCHEMA, model, Workload.MEMORY.id(), "/plaintext", requested, 0, 1,
                        held > 0, held > 0 ? "" : "no connection could be held: " + why, started, env,
                        null, null, stats, m);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failed(model, Workload.MEMORY, requested, 1, started, env, e.getMessage()
                    + (server.alive() ? "" : server.death()));
        }
    }

    private static MemoryDelta.Reading reading(ServerProcess server) throws IOException {
        MemoryReport gc = server.gc();
        return new MemoryDelta.Reading(gc, KernelSockets.tcpMemoryBytes());
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private ServerProcess startServer(String model, List<String> flags) throws IOException {
        List<String> cmd = launcher.command(options.serverCpus(), flags, ServerProcess.SERVE_MAIN, ModelSpec.parse(model).serveArgs());
        ServerProcess p = ServerProcess.start(cmd);
        return p;
    }

    private List<String> serverFlags(String model, Workload w, int connections, int repeat, boolean nmt) {
        List<String> f = new ArrayList<>(List.of("-Xms" + options.heap(), "-Xmx" + options.heap(), NATIVE_ACCESS_FLAG));
        if (nmt) {
            f.add(NMT_FLAG);
        }
        if (options.jfr()) {
            f.add("-XX:StartFlightRecording=dumponexit=true,filename="
                    + dir.resolve("jfr").resolve(ModelSpec.parse(model).fileStem() + "-" + w.id() + "-" + connections + "-r" + repeat + ".jfr"));
        }
        f.addAll(options.jvmArgs());
        return f;
    }

    private RunResult.RunEnvironment environment(List<String> serverFlags, String serverJdk, String driver, boolean crossCheck) {
        return new RunResult.RunEnvironment(host, options.serverJava().toString(), serverJdk, serverFlags,
                CLIENT_JVM_FLAGS, launcher.canPin() ? options.serverCpus() : "",
                launcher.canPin() ? options.clientCpus() : "", pinningNote(), driver, null, crossCheck);
    }

    String pinningNote() {
        if (!launcher.canPin()) {
            return "taskset not found: server and client run unpinned (install util-linux to pin)";
        }
        if (options.serverCpus().isEmpty() && options.clientCpus().isEmpty()) {
            return "unpinned (fewer than 2 cores, or asked for)";
        }
        return "server on CPU " + (options.serverCpus().isEmpty() ? "any" : options.serverCpus())
                + ", client on CPU " + (options.clientCpus().isEmpty() ? "any" : options.clientCpus()) + " (taskset)";
    }

    private RunResult failed(String model, Workload w, int connections, int repeat, String started,
                             RunResult.RunEnvironment env, String why) {
        return new RunResult(RunResult.SCHEMA, model, w.id(), w.target() == null ? "/plaintext" : w.target(),
                connections, options.rate(), repeat, false, why, started, env, null, null, null, null);
    }

    /** Stops every child now; finished results stay. Safe to call from a shutdown hook. */
    void abort() {
        aborted = true;
        // Servers, clients and multiprocess workers are all descendants of this JVM.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
