package io.concbench.compare;

import io.concbench.report.Reports;
import io.concbench.harness.result.RunResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** The entry point of {@code concbench compare}; what it runs is a {@link CompareOptions}. */
public final class Compare {

    /** Set by scripts/concbench to the project root, so results land in its results/runs wherever the user stands. */
    public static final String HOME_ENV = "CONCBENCH_HOME";

    private Compare() {}

    /** Runs the matrix and writes the reports; returns the exit code (0 even when some runs failed: they are recorded). */
    public static int run(CompareOptions options, PrintWriter out) throws IOException {
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
    public static List<RunResult> runInto(CompareOptions options, Path dir, PrintWriter out) throws IOException {
        return new CompareRunner(options, out, dir).run();
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
}
