package io.concbench.cli;

import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import io.concbench.harness.serve.Cli;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code concbench diff} on two synthetic result directories, through {@link Main}. */
class DiffCommandTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final HostInfo HOST = new HostInfo("Test CPU", 2, "6.1.0", "Linux amd64", 4L << 30, 1024);

    @TempDir
    Path tmp;

    @Test
    void aRegressionBeyondTheGateExitsOneAndNamesTheCell() throws Exception {
        Path old = tmp.resolve("old");
        Path neu = tmp.resolve("new");
        write(old, "virtual", "plaintext", new double[] {10_000, 10_100, 10_200}, new long[] {MS, 11 * MS / 10, 12 * MS / 10});
        write(neu, "virtual", "plaintext", new double[] {10_000, 10_100, 10_200}, new long[] {2 * MS, 21 * MS / 10, 22 * MS / 10});

        CliRun o = CliRun.of("diff", old.toString(), neu.toString(), "--fail-if", "p99>+10%,req/s<-5%");

        assertEquals(1, o.code(), o.toString());
        assertTrue(o.out().contains("**Failed**: 1 change beyond the gate"), o.out());
        assertTrue(o.out().contains("- virtual plaintext, 100 connections: p99 +90.9 %"), o.out());
        assertTrue(o.out().contains("beyond p99>+10%"), o.out());
    }

    @Test
    void aChangeInsideTheNoiseExitsZeroAndSaysWithinNoise() throws Exception {
        Path old = tmp.resolve("old");
        Path neu = tmp.resolve("new");
        // p99 median 1.5 ms -> 1.8 ms (+20 %, beyond the gate) but the ranges 1.0-2.0 and 1.2-1.9 overlap.
        write(old, "virtual", "plaintext", new double[] {10_000, 11_000, 12_000}, new long[] {MS, 2 * MS, 15 * MS / 10});
        write(neu, "virtual", "plaintext", new double[] {10_500, 11_500, 12_500}, new long[] {18 * MS / 10, 12 * MS / 10, 19 * MS / 10});
        Path page = tmp.resolve("diff.html");

        CliRun o = CliRun.of("diff", old.toString(), neu.toString(), "--fail-if", "p99>+10%", "--html", page.toString());

        assertEquals(0, o.code(), o.toString());
        String row = o.out().lines().filter(l -> l.startsWith("| plaintext")).findFirst().orElseThrow();
        assertTrue(row.contains("(+20.0 %, within noise)"), row);
        assertTrue(o.out().contains("Passed: no cell changed beyond the gate"), o.out());
        String html = Files.readString(page);
        assertTrue(html.contains("<table>") && html.contains("within noise") && !html.contains("<script"), html);
    }

    @Test
    void cellsOnOneSideOnlyAreListed() throws Exception {
        Path old = tmp.resolve("old");
        Path neu = tmp.resolve("new");
        write(old, "virtual", "plaintext", new double[] {10_000}, new long[] {MS});
        write(old, "threadpool", "io", new double[] {9_000}, new long[] {MS});
        write(neu, "virtual", "plaintext", new double[] {10_000}, new long[] {MS});
        write(neu, "reactor", "plaintext", new double[] {20_000}, new long[] {MS});

        CliRun o = CliRun.of("diff", old.toString(), neu.toString());

        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("- only in old: threadpool io, 100 connections"), o.out());
        assertTrue(o.out().contains("- only in new: reactor plaintext, 100 connections"), o.out());
    }

    @Test
    void aDisturbedRunMakesItsCellNoiseAndTheGateSaysSo() throws Exception {
        Path old = tmp.resolve("old");
        Path neu = tmp.resolve("new");
        write(old, "virtual", "plaintext", new double[] {10_000}, new long[] {MS});
        write(neu, "virtual", "plaintext", new double[] {10_000}, new long[] {3 * MS}, true);

        CliRun o = CliRun.of("diff", old.toString(), neu.toString(), "--fail-if", "p99>+10%");

        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("1.00 ms → 3.00 ms (+199.9 %, within noise (disturbed run))"), o.out());
        assertTrue(o.out().contains("⚠ 1 change goes beyond the gate in cells with a disturbed run"), o.out());
    }

    @Test
    void helpPrintsCleanly() {
        CliRun o = CliRun.of("diff", "--help");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("--fail-if") && o.out().contains("in %, and"), o.out());
        assertEquals("", o.err());
    }

    @Test
    void badFailIfSyntaxIsOneLineAndExitTwo() throws Exception {
        Path old = tmp.resolve("old");
        write(old, "virtual", "plaintext", new double[] {10_000}, new long[] {MS});
        for (String bad : List.of("p99>10", "latency>+10%", "p99=+10%")) {
            CliRun o = CliRun.of("diff", old.toString(), old.toString(), "--fail-if", bad);
            assertEquals(Cli.USER_ERROR, o.code(), bad + " -> " + o);
            assertEquals(1, o.errLines().size(), "one line: " + o.err());
            assertTrue(o.errLines().get(0).startsWith("concbench diff: --fail-if:"), o.errLines().get(0));
            assertFalse(o.err().contains("\tat "), o.err());
        }
    }

    /** One run per repeat of {@code model} on {@code workload}, 100 connections, closed loop. */
    private static void write(Path dir, String model, String workload, double[] rps, long[] p99) throws Exception {
        write(dir, model, workload, rps, p99, false);
    }

    private static void write(Path dir, String model, String workload, double[] rps, long[] p99, boolean disturbed)
            throws Exception {
        RunResult.MachineLoad load = new RunResult.MachineLoad(disturbed ? 50.0 : 1.0, 0.0, 150.0, 1.0, 10, disturbed, "");
        RunResult.RunEnvironment env = new RunResult.RunEnvironment(HOST, "/jdk/bin/java", "25", List.of("-Xmx1g"),
                List.of(), "0", "1", "server on CPU 0, client on CPU 1 (taskset)", "builtin", load, false);
        for (int i = 0; i < rps.length; i++) {
            Histogram h = new Histogram(3);
            h.recordValueWithCount(p99[i], 1000);
            LatencySummary lat = LatencySummary.of(h);
            LoadResult l = new LoadResult("concbench load", "http://127.0.0.1:1/" + workload, LoadResult.CLOSED, 100, 1, 1,
                    0, SECOND_NANOS, SECOND_NANOS, (long) rps[i], rps[i], (long) rps[i], rps[i], (long) rps[i], true, 0L, 0,
                    lat, lat, ErrorCounts.NONE, ClientCpu.of(SECOND_NANOS / 2, SECOND_NANOS, 1), "OpenJDK 25", T0.toEpochMilli());
            RunResult.ServerFigures server = new RunResult.ServerFigures(90, 0.1, 0.5, 0.01, 200L << 20, 20, 1, List.of());
            RunResult r = new RunResult(RunResult.SCHEMA, model, workload, "/" + workload, 100, 0, i + 1, true, "",
                    T0.plusSeconds(i).toString(), env, l, server, null, null);
            Json.writeAtomically(dir.resolve(model + "-" + workload + "-100-r" + (i + 1) + ".json"), r);
        }
    }
}
