package io.concbench.compare;

import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import io.concbench.loadgen.LoadOptions;
import io.concbench.loadgen.LoadRun;
import io.concbench.report.Reports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real compare run of thread-per-connection where every request opens a new connection (compare
 * has no option for that traffic, so the test drives it with the load engine in this JVM): the
 * connection threads exit all run long, which made the /proc live-thread sum negative.
 */
class CompareSwitchesTest {

    private static final int CONNECTIONS = 4;
    private static final Duration DURATION = Duration.ofSeconds(3);

    @TempDir
    static Path out;

    private static RunResult churn;
    private static String summary;
    private static String log;

    @BeforeAll
    static void runThreadPerConnectionWithConnectionChurn() throws IOException {
        CompareOptions options = CompareOptions.defaults().withModels(List.of("thread-per-connection"))
                .withWorkloads(List.of(Workload.PLAINTEXT.id())).withConnections(List.of(CONNECTIONS))
                .withDuration(DURATION).withWarmup(Duration.ZERO).withHeap("128m").withOutRoot(out);
        StringWriter w = new StringWriter();
        CompareRunner runner = new CompareRunner(options, new PrintWriter(w), out.resolve("run"));
        Files.createDirectories(runner.directory());
        churn = runner.loadRun("thread-per-connection", Workload.PLAINTEXT, CONNECTIONS, 1, "builtin", false, url -> {
            LoadOptions load = LoadOptions.defaults(url).withConnections(CONNECTIONS).withDuration(DURATION)
                    .withWarmup(Duration.ZERO).withHeaders(List.of("Connection: close"));
            try {
                return new LoadRun(load).execute();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        });
        Path file = runner.directory().resolve(CompareRunner.fileName(churn));
        Json.writeAtomically(file, churn);
        churn = Json.MAPPER.readValue(file.toFile(), RunResult.class);
        summary = Reports.write(List.of(churn), runner.directory());
        log = w.toString();
    }

    @Test
    void switchesPerRequestComeFromRusageAndAreNeverNegative() {
        assertTrue(churn.ok(), churn.failure());
        LoadResult load = churn.load();
        assertTrue(load.requests() > 0);
        assertTrue(churn.serverStats().connectionsAccepted() >= load.requests(), "every request came on a new connection");
        RunResult.ServerFigures f = churn.server();
        assertEquals(RunResult.ServerFigures.SWITCHES_RUSAGE, f.switchesSource());
        assertNotNull(f.voluntarySwitchesPerRequest());
        assertNotNull(f.involuntarySwitchesPerRequest());
        System.out.printf("thread-per-connection, Connection: close, %d requests: %.3f voluntary + %.3f involuntary"
                        + " switches per request (rusage), perf %s%n", load.requests(), f.voluntarySwitchesPerRequest(),
                f.involuntarySwitchesPerRequest(), f.perfContextSwitchesPerRequest());
        assertTrue(f.voluntarySwitchesPerRequest() >= 0);
        assertTrue(f.involuntarySwitchesPerRequest() >= 0);
        // each request's connection thread blocks in read before its request arrives
        assertTrue(f.voluntarySwitchesPerRequest() >= 1, "voluntary " + f.voluntarySwitchesPerRequest());
        assertTrue(f.samples().stream().allMatch(s -> s.voluntarySwitches() != null));
    }

    @Test
    void theSummaryShowsTheSwitchesAndNoNegativeFigure() {
        String row = summary.lines().filter(l -> l.startsWith("| thread-per-connection")).findFirst().orElseThrow();
        assertFalse(row.contains(" -"), row);
        assertFalse(row.contains("live threads"), row);
        assertTrue(row.matches(".*\\|\\s+[0-9.]+ / [0-9.]+( \\(perf [0-9.]+\\))?\\s+\\|.*"), row);
    }

    @Test
    void compareSaysOnceWhetherPerfCrossChecks() {
        assertEquals(PerfStat.find().isPresent(), churn.server().perfContextSwitchesPerRequest() != null
                || log.contains("perf stat counted nothing"), log);
    }

    /** perf counts the same switches from outside; they should agree within ~10 %, asserted within a factor of 2. */
    @Test
    void perfAgreesWithRusage() {
        RunResult.ServerFigures f = churn.server();
        assumeTrue(f.perfContextSwitchesPerRequest() != null, "perf not installed or not permitted");
        double rusage = f.voluntarySwitchesPerRequest() + f.involuntarySwitchesPerRequest();
        double perf = f.perfContextSwitchesPerRequest();
        System.out.printf("switches per request over the same window: rusage %.3f (vol %.3f + invol %.3f), perf %.3f,"
                        + " perf cpu-migrations %.4f; ratio perf/rusage %.3f%n", rusage, f.voluntarySwitchesPerRequest(),
                f.involuntarySwitchesPerRequest(), perf, f.perfCpuMigrationsPerRequest(), perf / rusage);
        assertTrue(perf >= rusage / 2 && perf <= rusage * 2, "rusage " + rusage + " vs perf " + perf);
    }
}
