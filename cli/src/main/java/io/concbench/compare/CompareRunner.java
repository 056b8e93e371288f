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
    private volatile boolean aborted;

    CompareRunner(CompareOptions options, PrintWriter out, Path dir) {
        this.options = options;
        this.out = out;
        this.launcher = Launcher.of(options.serverJava());
        this.dir = dir;
        this.external = options.driver().equals("builtin") ? null : ExternalDriver.find(options.driver());
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
                            record(loadRun(model, w, c, r));
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
        return ModelSpec.parse(r.model()).fileStem() + "-" + r.workload() + "-" + r.connections() + "-r" + r.repeat() + ".json";
    }

    private String oneLine(RunResult r) {
        String what = String.format("%-22s %-9s c=%-6d r%d", r.model(), r.workload(), r.connections(), r.repeat());
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
                clientBound(l) ? "  [client above 90% CPU: figures describe the client]" : "");
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

    private RunResult loadRun(String model, Workload w, int connections, int repeat) {
        String started = Instant.now().toString();
        List<String> serverFlags = serverFlags(model, w, connections, repeat, false);
        RunResult.RunEnvironment env = environment(serverFlags, null);
        ServerProcess server;
        try {
            server = startServer(model, serverFlags);
        } catch (IOException e) {
            return failed(model, w, connections, repeat, started, env, "server failed to start: " + e.getMessage());
        }
        env = environment(serverFlags, server.ready().path("jdk").asText(null));
        try (server; Sampler sampler = new Sampler(server.pid(), Sampler.DEFAULT_INTERVAL_MILLIS)) {
            String url = "http://127.0.0.1:" + server.port() + w.target();
            LoadResult load;
            try {
                load = external != null
                        ? external.drive(launcher, url, connections, options)
                        : builtinLoad(url, connections, model, w, repeat);
            } catch (IOException e) {
                return failed(model, w, connections, repeat, started, env, "client failed: " + e.getMessage()
                        + (server.alive() ? "" : server.death()));
            }
            sampler.sampleNow();
            if (!server.alive()) {
                return failed(model, w, connections, repeat, started, env, "server died during the run" + server.death());
            }
            ServerStats stats = server.stats();
            long from = load.startedAtEpochMillis();
            long to = from + TimeUnit.NANOSECONDS.toMillis(load.durationNanos());
            RunResult.ServerFigures figures = sampler.figures(from, to, load.requests());
            return new RunResult(RunResult.SCHEMA, model, w.id(), w.target(), connections, options.rate(), repeat,
                    true, "", started, env, load, figures, stats, null);
        } catch (IOException e) {
            return failed(model, w, connections, repeat, started, env, e.getMessage());
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
        RunResult.RunEnvironment env = environment(serverFlags, null);
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
        env = environment(serverFlags, server.ready().path("jdk").asText(null));
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
        ModelSpec spec = ModelSpec.parse(model);
        List<String> cmd = launcher.command(options.serverCpus(), flags, ServerProcess.SERVE_MAIN,
                List.of("--model", spec.name(), "--port", "0", "--workers", Integer.toString(spec.workers())));
        ServerProcess p = ServerProcess.start(cmd);
        return p;
    }

    private List<String> serverFlags(String model, Workload w, int connections, int repeat, boolean nmt) {
        List<String> f = new ArrayList<>(List.of("-Xms" + options.heap(), "-Xmx" + options.heap()));
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

    private RunResult.RunEnvironment environment(List<String> serverFlags, String serverJdk) {
        return new RunResult.RunEnvironment(host, options.serverJava().toString(), serverJdk, serverFlags,
                CLIENT_JVM_FLAGS, launcher.canPin() ? options.serverCpus() : "",
                launcher.canPin() ? options.clientCpus() : "", pinningNote(), options.driver());
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
