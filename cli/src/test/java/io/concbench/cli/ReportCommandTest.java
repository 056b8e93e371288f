package io.concbench.cli;

import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import io.concbench.report.Reports;
import io.concbench.harness.serve.Cli;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code concbench report} through {@link Main}, as a user runs it. */
class ReportCommandTest {

    private static final Instant T0 = Instant.parse("2025-11-27T15:30:00Z");
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long START_MILLIS = T0.toEpochMilli();

    @TempDir
    Path tmp;

    @Test
    void reportOnADirectoryReproducesTheSummaryByteForByte() throws Exception {
        List<RunResult> runs = runs(1, 0);
        Path dir = writeRuns(tmp.resolve("runs"), runs);
        Path direct = tmp.resolve("direct");
        String md = Reports.write(runs, direct);

        CliRun o = CliRun.of("report", dir.toString());

        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith(md), o.out());
        assertTrue(o.out().contains("report: " + dir + " (4 runs from 1 directory)"), o.out());
        for (String f : List.of(Reports.SUMMARY_MD, Reports.SUMMARY_CSV, "charts/latency-plaintext-100c.svg",
                "charts/throughput-plaintext.svg")) {
            assertArrayEquals(Files.readAllBytes(direct.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
    }

    @Test
    void severalDirectoriesArePooled() throws Exception {
        Path a = writeRuns(tmp.resolve("a"), runs(1, 0));
        Path b = writeRuns(tmp.resolve("b"), runs(2, 100));
        Path out = tmp.resolve("merged");
        List<RunResult> all = new ArrayList<>(runs(1, 0));
        all.addAll(runs(2, 100));

        CliRun o = CliRun.of("report", a.toString(), b.toString(), "--out", out.toString());

        assertEquals(0, o.code(), o.toString());
        assertEquals(Reports.markdown(all), Files.readString(out.resolve(Reports.SUMMARY_MD)));
        String threadpool = Files.readString(out.resolve(Reports.SUMMARY_MD)).lines()
                .filter(l -> l.startsWith("| threadpool ")).findFirst().orElseThrow();
        assertTrue(threadpool.matches(".*\\|\\s+2 \\|$"), "two repeats in the runs column: " + threadpool);
    }

    @Test
    void hlogFilesMergeIntoTheExactSum() throws Exception {
        Histogram a = new Histogram(3);
        Histogram b = new Histogram(3);
        Path la = hlog(tmp.resolve("host-a.hlog"), 1_000, 5, a);
        Path lb = hlog(tmp.resolve("host-b.hlog"), 7_000, 9, b);
        Path merged = tmp.resolve("merged.hlog");

        CliRun o = CliRun.of("report", "--hlog", la.toString(), lb.toString(), "--out", merged.toString());

        assertEquals(0, o.code(), o.toString());
        long count = a.getTotalCount() + b.getTotalCount();
        assertTrue(o.out().contains("count " + String.format(Locale.ROOT, "%,d", count)), o.out());
        Histogram back = new Histogram(3);
        try (HistogramLogReader r = new HistogramLogReader(merged.toFile())) {
            for (var h = r.nextIntervalHistogram(); h != null; h = r.nextIntervalHistogram()) {
                back.add((Histogram) h);
            }
        }
        assertEquals(count, back.getTotalCount());
        assertEquals(Math.max(a.getMaxValue(), b.getMaxValue()), back.getMaxValue());
    }

    @Test
    void userErrorsAreOneLineNamingTheInputAndExitTwo() throws Exception {
        Path missing = tmp.resolve("missing");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path notLog = Files.writeString(tmp.resolve("notes.hlog"), "hello\n");
        assertUserError(missing + ": no such directory", "report", missing.toString());
        assertUserError(empty + ": no run result in it", "report", empty.toString());
        assertUserError(notLog + ": interval 1 of 1 is not a valid", "report", "--hlog", notLog.toString());
        assertUserError(missing + ": no such file", "report", "--hlog", missing.toString());
        assertUserError(notLog + " is an interval log, not a run directory", "report", notLog.toString());
    }

    private static void assertUserError(String expected, String... args) {
        CliRun o = CliRun.of(args);
        assertEquals(Cli.USER_ERROR, o.code(), String.join(" ", args) + " -> " + o);
        assertEquals(1, o.errLines().size(), "one line: " + o.err());
        assertTrue(o.errLines().get(0).startsWith("concbench report: " + expected), o.errLines().get(0));
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    /** Two models on /plaintext at 100 connections, one repeat each; {@code seq0} offsets start times. */
    private static List<RunResult> runs(int repeat, int seq0) {
        HostInfo host = new HostInfo("Test CPU", 2, "6.1.0", "Linux amd64", 4L << 30, 1024);
        RunResult.RunEnvironment env = new RunResult.RunEnvironment(host, "/jdk/bin/java", "25", List.of("-Xmx1g"),
                List.of(), "0", "1", "server on CPU 0, client on CPU 1 (taskset)", "builtin", null, false);
        List<RunResult> runs = new ArrayList<>();
        int seq = seq0;
        for (String model : List.of("threadpool", "virtual")) {
            Histogram h = new Histogram(3);
            h.recordValueWithCount(100_000L * (seq + 1), 1000);
            h.recordValue(5_000_000L);
            LatencySummary lat = LatencySummary.of(h);
            double rps = 10_000 + 1_000 * seq;
            LoadResult l = new LoadResult("concbench load", "http://127.0.0.1:1/plaintext", LoadResult.CLOSED, 100, 1, 1,
                    0, SECOND_NANOS, SECOND_NANOS, (long) rps, rps, (long) rps, rps, (long) rps, true, 0L, 0, lat, lat,
                    ErrorCounts.NONE, ClientCpu.of(SECOND_NANOS / 2, SECOND_NANOS, 1), "OpenJDK 25", START_MILLIS);
            runs.add(new RunResult(RunResult.SCHEMA, model, "plaintext", "/plaintext", 100, 0, repeat, true, "",
                    T0.plusSeconds(seq).toString(), env, l, null, null, null));
            seq++;
        }
        runs.add(new RunResult(RunResult.SCHEMA, "reactor", "plaintext", "/plaintext", 100, 0, repeat, false,
                "server failed to start: port in use", T0.plusSeconds(seq++).toString(), env, null, null, null, null));
        runs.add(new RunResult(RunResult.SCHEMA, "virtual", "memory", "/plaintext", 1000, 0, repeat, false,
                "no connection could be held", T0.plusSeconds(seq).toString(), env, null, null, null, null));
        return runs;
    }

    private static Path writeRuns(Path dir, List<RunResult> runs) throws Exception {
        for (RunResult r : runs) {
            Json.writeAtomically(dir.resolve(r.model() + "-" + r.workload() + "-" + r.connections() + "-r" + r.repeat() + ".json"), r);
        }
        return dir;
    }

    /** Five one-second intervals around {@code typicalNanos}; adds each into {@code sum}. */
    private static Path hlog(Path file, long typicalNanos, long seed, Histogram sum) throws Exception {
        java.util.Random rnd = new java.util.Random(seed);
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputStartTime(START_MILLIS);
            w.setBaseTime(START_MILLIS);
            w.outputBaseTime(START_MILLIS);
            w.outputLegend();
            for (int s = 0; s < 5; s++) {
                Histogram h = new Histogram(3);
                for (int i = 0; i < 200; i++) {
                    h.recordValue(typicalNanos + rnd.nextInt((int) typicalNanos));
                }
                h.recordValue(typicalNanos * 50 + s);
                h.setStartTimeStamp(START_MILLIS + seed * 10 + s * 1000L);
                h.setEndTimeStamp(START_MILLIS + seed * 10 + (s + 1) * 1000L);
                w.outputIntervalHistogram(h);
                sum.add(h);
            }
        }
        return file;
    }
}
