package io.concbench.compare;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;
import io.concbench.report.Reports;
import io.concbench.harness.result.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The entry point of {@code concbench compare}. The defaults are chosen so that a bare
 * {@code concbench compare} finishes in about three minutes on a 2-core machine.
 */
public final class Compare {

    public static final String DEFAULT_WORKLOADS = "plaintext,io,memory";
    public static final String DEFAULT_CONNECTIONS = "100";
    public static final String DEFAULT_MEMORY_CONNECTIONS = "10000";
    public static final String DEFAULT_DURATION = "4s";
    public static final String DEFAULT_WARMUP = "2s";
    public static final int DEFAULT_REPEATS = 1;
    public static final String DEFAULT_HEAP = "1g";
    public static final int DEFAULT_CLIENT_THREADS = 1;
    /** Set by scripts/concbench to the project root, so results land in its results/runs wherever the user stands. */
    public static final String HOME_ENV = "CONCBENCH_HOME";

    /** What the user asked for; nulls and empty lists mean "the default". */
    public record Request(List<String> models, List<String> workloads, List<Integer> connections,
                          List<Integer> memoryConnections, Duration duration, Duration warmup, int repeats,
                          double rate, String serverCpus, String clientCpus, String heap, List<String> jvmArgs,
                          Path java, String driver, int clientThreads, boolean jfr, Path out, long requests) {}

    private Compare() {}

    /** Runs the matrix and writes the reports; returns the exit code (0 even when some runs failed: they are recorded). */
    public static int run(Request request, PrintWriter out) throws IOException {
        CompareOptions options = resolve(request);
        CompareRunner runner = new CompareRunner(options, out,
                options.outRoot().resolve(CompareRunner.DIR_NAME.format(java.time.Instant.now())));
        Thread hook = new Thread(() -> {
            runner.abort();
            writeReports(runner.finished(), runner.directory(), out, true);
        }, "compare-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunResult> results = runner.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 130;                                 // the hook is writing the summary
        }
        writeReports(results, runner.directory(), out, false);
        return 0;
    }

    /**
     * Runs the matrix into {@code dir} (one JSON per run) without writing reports or installing a
     * signal hook: for callers that orchestrate several matrices, such as {@code reproduce}.
     */
    public static List<RunResult> runInto(Request request, Path dir, PrintWriter out) throws IOException {
        return new CompareRunner(resolve(request), out, dir).run();
    }

    private static void writeReports(List<RunResult> results, Path dir, PrintWriter out, boolean interrupted) {
        try {
            if (interrupted) {
                out.println();
                out.println("interrupted: children stopped; " + results.size() + " finished runs kept");
            }
            if (!results.isEmpty()) {
                out.println(Reports.write(results, dir));
            }
            out.println("results: " + dir);
        } catch (IOException | RuntimeException e) {
            out.println("could not write the summary: " + e.getMessage() + "; the run JSON files are in " + dir);
        }
        out.flush();
    }

    static CompareOptions resolve(Request r) {
        List<String> known = ServerModels.all().stream().map(ServerModel::name).toList();
        List<String> models = r.models() == null || r.models().isEmpty() ? defaultModelOrder(known) : r.models();
        for (String spec : models) {
            String m = ModelSpec.parse(spec).name();
            if (!known.contains(m)) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "'; known models: " + String.join(", ", known));
            }
        }
        List<Workload> workloads = r.workloads().stream().map(Workload::parse).distinct().toList();
        String[] split = CompareOptions.defaultSplit(Runtime.getRuntime().availableProcessors());
        Path java = r.java() == null ? Launcher.currentJava() : javaBinary(r.java());
        Path outRoot = r.out() != null ? r.out()
                : System.getenv(HOME_ENV) != null ? Path.of(System.getenv(HOME_ENV), "results", "runs")
                : Path.of("results", "runs");
        return new CompareOptions(models, workloads, r.connections(), r.duration(), r.warmup(), r.repeats(), r.rate(),
                r.serverCpus() != null ? r.serverCpus() : split[0], r.clientCpus() != null ? r.clientCpus() : split[1],
                r.heap(), r.jvmArgs(), java, r.driver(), r.jfr(), r.memoryConnections(), r.clientThreads(), outRoot, r.requests());
    }

    /** Blocking models first, then the event-driven ones, as the chapter's argument runs. */
    static List<String> defaultModelOrder(List<String> known) {
        List<String> order = List.of("threadpool", "thread-per-connection", "virtual", "reactor", "multiprocess");
        List<String> first = order.stream().filter(known::contains).toList();
        return java.util.stream.Stream.concat(first.stream(), known.stream().filter(m -> !order.contains(m))).toList();
    }

    /** A java binary, or a JDK directory holding bin/java. */
    static Path javaBinary(Path p) {
        Path candidate = Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p;
        if (!Files.isExecutable(candidate)) {
            throw new IllegalArgumentException("--java " + p + ": no executable java there; give a java binary or a JDK directory");
        }
        return candidate;
    }
}
