package io.concbench.report;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.ServerStats;
import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built run results with known figures. */
final class Fixtures {

    static final HostInfo HOST = new HostInfo("Test CPU @ 3.0GHz", 4, "6.1.0-test", "Linux amd64", 8L << 30, 1024);
    static final RunResult.RunEnvironment ENV = new RunResult.RunEnvironment(HOST, "/opt/jdk/bin/java", "25+36",
            List.of("-Xms1g", "-Xmx1g"), List.of("-Xms512m"), "0-1", "2-3", "server on CPU 0-1, client on CPU 2-3 (taskset)",
            "builtin", null, false);
    static final Instant T0 = Instant.parse("2025-11-27T15:30:00Z");
    static final long SECOND_NANOS = 1_000_000_000L;

    /** Values known by construction: 990 at {@code base}, 10 at {@code 10 * base}, so p50 = p99 = base and p99.9 = 10 * base. */
    static Histogram histogram(long baseNanos) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(baseNanos, 990);
        h.recordValueWithCount(10 * baseNanos, 10);
        return h;
    }

    /** A finished load run; {@code seq} orders start times. */
    static RunResult load(String model, String workload, int connections, int repeat, int seq, double reqPerSec,
                          long baseNanos, ErrorCounts errors, double clientPercent, List<ServerStats.WorkerShare> workers) {
        LatencySummary lat = LatencySummary.of(histogram(baseNanos));
        LoadResult l = new LoadResult("concbench load 0.1", "http://127.0.0.1:1/" + workload, LoadResult.CLOSED,
                connections, 1, 1, 0, SECOND_NANOS, SECOND_NANOS, (long) reqPerSec, reqPerSec, (long) reqPerSec,
                reqPerSec, (long) reqPerSec, true, 0L, 1000, lat, lat, errors,
                ClientCpu.of((long) (clientPercent / 100 * SECOND_NANOS), SECOND_NANOS, 2), "OpenJDK 25", T0.toEpochMilli());
        RunResult.ServerFigures server = new RunResult.ServerFigures(150, 0.25, 1.5, 0.01, 200L << 20, 40, 1, List.of());
        ServerStats stats = new ServerStats(connections, connections, (long) reqPerSec, 0, 0, 0, 1, workers, Map.of());
        return new RunResult(RunResult.SCHEMA, model, workload, "/" + workload, connections, 0, repeat, true, "",
                T0.plusSeconds(seq).toString(), ENV, l, server, stats, null);
    }

    static RunResult load(String model, String workload, int connections, int repeat, int seq, double reqPerSec, long baseNanos) {
        return load(model, workload, connections, repeat, seq, reqPerSec, baseNanos, ErrorCounts.NONE, 50, List.of());
    }

    static RunResult memory(String model, int requested, int held, int seq, double heapPerConn, double rssPerConn) {
        MemoryReport baseline = new MemoryReport(10L << 20, 100L << 20, 200L << 20, 20L << 20, 30, List.of());
        MemoryReport loaded = new MemoryReport((10L << 20) + (long) (heapPerConn * held), (100L << 20) + (long) (rssPerConn * held),
                (200L << 20) + 4096L * held, (20L << 20) + 1024L * held, 30, List.of());
        RunResult.MemoryFigures m = new RunResult.MemoryFigures(requested, held, held < requested ? "capped by the open-file limit" : "",
                baseline, loaded, 1L << 20, (1L << 20) + 2048L * held, heapPerConn, rssPerConn, 4096.0, 1024.0, 2048.0, null);
        return new RunResult(RunResult.SCHEMA, model, "memory", "/plaintext", requested, 0, 1, true, "",
                T0.plusSeconds(seq).toString(), ENV, null, null, null, m);
    }

    /**
     * A memory run with its noise band: heap, RSS and kernel sockets moved by {@code heapDelta},
     * {@code rssDelta} and {@code socketDelta} in total with {@code held} open, while each state moved by
     * {@code heapBand}, {@code rssBand} and one page by itself. NMT is off (null).
     */
    static RunResult memoryWithNoise(String model, int requested, int held, int seq, long heapDelta, long heapBand,
                                     long rssDelta, long rssBand, long socketDelta) {
        MemoryReport first = new MemoryReport((10L << 20) - heapBand, (100L << 20) + rssBand, -1, -1, 30, List.of());
        MemoryReport baseline = new MemoryReport(10L << 20, 100L << 20, -1, -1, 30, List.of());
        MemoryReport loaded = new MemoryReport((10L << 20) + heapDelta, (100L << 20) + rssDelta, -1, -1, 30, List.of());
        RunResult.Noise noise = new RunResult.Noise(null, first, loaded, 1L << 20, (1L << 20) + socketDelta, heapBand, rssBand,
                null, null, 4096L);
        RunResult.MemoryFigures m = new RunResult.MemoryFigures(requested, held, "", baseline, loaded, 1L << 20,
                (1L << 20) + socketDelta, heapDelta / (double) held, rssDelta / (double) held, null, null,
                socketDelta / (double) held, noise);
        return new RunResult(RunResult.SCHEMA, model, "memory", "/plaintext", requested, 0, 1, true, "",
                T0.plusSeconds(seq).toString(), ENV, null, null, null, m);
    }

    /** A closed-loop run driven by an external tool that printed only {@code latency}'s non-null figures. */
    static RunResult external(String model, String tool, int connections, int seq, LatencySummary latency) {
        LoadResult l = new LoadResult(tool, "http://127.0.0.1:1/plaintext", LoadResult.CLOSED, connections, 1, 1, 0, 0,
                SECOND_NANOS, latency.count(), latency.count(), latency.count(), (double) latency.count(), latency.count(), true, 0L, 0,
                latency, latency, ErrorCounts.NONE, null, tool, T0.toEpochMilli());
        RunResult.ServerFigures server = new RunResult.ServerFigures(150, 0.25, 1.5, 0.01, 200L << 20, 40, 1, List.of());
        return new RunResult(RunResult.SCHEMA, model, "plaintext", "/plaintext", connections, 0, 1, true, "",
                T0.plusSeconds(seq).toString(), ENV, l, server, null, null);
    }

    static RunResult failed(String model, String workload, int connections, int repeat, int seq, String why) {
        return new RunResult(RunResult.SCHEMA, model, workload, "/" + workload, connections, 0, repeat, false, why,
                T0.plusSeconds(seq).toString(), ENV, null, null, null, null);
    }

    /**
     * Two models, two workloads, three repeats each, a memory step in which thread-per-connection fails.
     * threadpool/plaintext: 1000, 3000, 2000 req/s (median 2000, min 1000, max 3000).
     */
    static List<RunResult> matrix() {
        List<ServerStats.WorkerShare> two = List.of(new ServerStats.WorkerShare("loop-0", 50, 600),
                new ServerStats.WorkerShare("loop-1", 50, 400));
        int seq = 0;
        List<RunResult> runs = new java.util.ArrayList<>();
        double[] threadpool = {1000, 3000, 2000};
        double[] virtual = {5000, 5000, 6000};
        for (String w : List.of("plaintext", "io")) {
            long base = w.equals("io") ? 10_000_000 : 100_000;
            for (int r = 1; r <= 3; r++) {
                runs.add(load("threadpool", w, 100, r, seq++, threadpool[r - 1], base));
                runs.add(load("virtual", w, 100, r, seq++, virtual[r - 1], base * 2,
                        r == 2 ? ErrorCounts.NONE.plus(ErrorClass.TIMEOUT, 3) : ErrorCounts.NONE, r == 1 ? 190 : 60, two));
            }
        }
        runs.add(memory("threadpool", 1000, 1000, seq++, 2048, 90_000));
        runs.add(memory("virtual", 1000, 900, seq++, 1500, 5000));
        runs.add(failed("thread-per-connection", "memory", 1000, 1, seq, "server died while 512 connections were open\nexit code 134\nOutOfMemoryError: unable to create native thread"));
        return runs;
    }

    /** The run with the machine's load over its window: {@code outsidePercent} of a core outside, judged against 10 %. */
    static RunResult withOutside(RunResult r, double outsidePercent) {
        RunResult.MachineLoad m = new RunResult.MachineLoad(outsidePercent, 0.0, 150 + outsidePercent, 1.0, 10,
                outsidePercent > 10, "");
        return withEnvironment(r, r.environment().withMachineLoad(m));
    }

    /** The run as {@code compare --crosscheck} records it when {@code tool} drove it. */
    static RunResult crossCheck(RunResult r, String tool) {
        RunResult.RunEnvironment e = r.environment();
        return withEnvironment(r, new RunResult.RunEnvironment(e.host(), e.serverJava(), e.serverJdk(), e.serverJvmFlags(),
                e.clientJvmFlags(), e.serverCpus(), e.clientCpus(), e.pinningNote(), tool, null, true));
    }

    /** The run without latency figures, as h2load reports none of the percentiles. */
    static RunResult withoutLatency(RunResult r) {
        LoadResult l = r.load();
        LoadResult none = new LoadResult(l.tool(), l.url(), l.mode(), l.connections(), l.threads(), l.pipeline(),
                l.requestedRate(), l.warmupNanos(), l.durationNanos(), l.requests(), l.requestsPerSecond(), l.sent(),
                l.sentPerSecond(), l.scheduled(), l.rateHeld(), l.inFlightAtEnd(), l.bytesRead(), null, null,
                l.errors(), l.clientCpu(), l.jvm(), l.startedAtEpochMillis());
        return new RunResult(r.schema(), r.model(), r.workload(), r.target(), r.connections(), r.rate(), r.repeat(),
                r.ok(), r.failure(), r.startedAt(), r.environment(), none, r.server(), r.serverStats(), r.memory());
    }

    static RunResult withReady(RunResult r, long readyMillis) {
        return new RunResult(r.schema(), r.model(), r.workload(), r.target(), r.connections(), r.rate(), r.repeat(),
                r.ok(), r.failure(), r.startedAt(), r.environment(), r.load(), r.server(), r.serverStats(), r.memory(),
                readyMillis);
    }

    private static RunResult withEnvironment(RunResult r, RunResult.RunEnvironment e) {
        return new RunResult(r.schema(), r.model(), r.workload(), r.target(), r.connections(), r.rate(), r.repeat(),
                r.ok(), r.failure(), r.startedAt(), e, r.load(), r.server(), r.serverStats(), r.memory());
    }

    private Fixtures() {}
}
