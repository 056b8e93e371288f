package io.concbench.reproduce;

import io.concbench.harness.ServerStats;
import io.concbench.harness.result.RunResult;
import io.concbench.report.MdTable;
import io.concbench.report.Units;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.concbench.reproduce.Evidence.RunFile;
import static io.concbench.reproduce.Evidence.RunMetric;

/**
 * T3, T4, T6, T11 and T13: what servers measure — memory per connection, connection limits and
 * threads, single vs multi-process throughput, what each model lets you observe.
 */
final class ServerTables {

    static final double KIB = ThreadTables.KIB;
    static final double MIB = ThreadTables.MIB;
    static final double NANOS_PER_SECOND = 1e9;
    static final double NANOS_PER_MILLI = 1e6;
    static final double PERCENT = 100;
    static final double THOUSAND = 1e3;
    /** The chapter's figures. */
    static final double THREAD_STACK_MB = ChapterText.claim("T3", "threadStackMB");
    static final double THREAD_STACK_BYTES = THREAD_STACK_MB * MIB;
    static final double CONTEXT_SAVING_PERCENT = ChapterText.claim("T3", "contextSavingPercent");
    static final double BUFFER_SAVING_PERCENT = ChapterText.claim("T3", "bufferSavingPercent");
    static final double T6_SINGLE_QPS = ChapterText.claim("T6", "singleProcessQps");
    static final double T6_MULTI_QPS = ChapterText.claim("T6", "multiProcessQps");
    static final double T6_SINGLE_MEAN_MILLIS = ChapterText.claim("T6", "singleProcessMeanMillis");
    static final double T6_MULTI_MEAN_MILLIS = ChapterText.claim("T6", "multiProcessMeanMillis");
    static final double T6_SINGLE_CPU = ChapterText.claim("T6", "singleProcessCpuPercent");
    static final double T6_MULTI_CPU = ChapterText.claim("T6", "multiProcessCpuPercent");
    /** compare samples /proc once a second: a CPU figure over a shorter window is interpolated, not measured. */
    static final double CPU_SAMPLE_NANOS = 1e9;
    static final int T6_CHAPTER_CORES = (int) ChapterText.claim("T6", "cores");
    /** T11's rows: thread-model MB and coroutine-model MB at each of {@link Experiments#MEMORY_CONNECTIONS}. */
    static final double[] T11_THREAD_MB = ChapterText.claims("T11", "threadModelMB");
    static final double[] T11_COROUTINE_MB = ChapterText.claims("T11", "coroutineModelMB");
    static final double GOROUTINE_STACK_KB = ChapterText.claim("T11", "goroutineStackKB");
    static final double GOROUTINE_STACK_BYTES = GOROUTINE_STACK_KB * KIB;
    static final double POOLED_ALLOCATION_CUT_PERCENT = ChapterText.claim("T11", "pooledAllocationCutPercent");
    static final double UNPOOLED_GC_PER_SECOND = ChapterText.claim("T11", "unpooledGcCyclesPerSecond");
    static final double POOLED_GC_PER_SECOND = ChapterText.claim("T11", "pooledGcCyclesPerSecond");

    private static final String MEMORY = "memory";
    private static final String PLAINTEXT = "plaintext";
    private static final String TPC = Experiments.THREAD_PER_CONNECTION;
    private static final String VT = Experiments.VIRTUAL;
    private static final String REACTOR = Experiments.REACTOR;
    private static final String POOL = Experiments.THREADPOOL;
    private static final int N = Experiments.LARGEST_MEMORY_CONNECTIONS;

    private ServerTables() {}

    /** T6's single process: one JVM, one event loop per core, the same serving code as each worker of {@link #multiProcess}. */
    static String singleProcess(Evidence e) {
        return Experiments.t6Models(e.cores()).get(0);
    }

    static String multiProcess(Evidence e) {
        return Experiments.t6Models(e.cores()).get(1);
    }

    // ---- T3 -----------------------------------------------------------------------------------------

    static ChapterTable t3() {
        return ChapterTable.of("T3", List.of(Experiments.MEMORY), ServerTables::judgeT3);
    }

    private static void judgeT3(Evidence e, Sheet s) {
        s.analogue("a Java platform thread per connection (NMT's committed stack) for an OS thread's 8 MB stack, the NIO reactor "
                + "for the optimised layout");
        s.cell(0, 1, () -> labelled(e.run(Experiments.MEMORY, TPC, MEMORY, N, RunMetric.STACK_PER_CONNECTION),
                "committed thread stack per connection (" + TPC + ", NMT)"));
        s.cell(0, 2, () -> labelled(e.run(Experiments.MEMORY, REACTOR, MEMORY, N, RunMetric.HEAP_PER_CONNECTION),
                "heap per connection (" + REACTOR + ")"));
        s.cell(0, 3, () -> saving(e));
        String stack = ChapterText.number(THREAD_STACK_MB) + " MB";
        String contextSaving = "> " + ChapterText.number(CONTEXT_SAVING_PERCENT) + " %";
        s.claim("a thread's stack per connection is " + stack, stack, () -> {
            Measured m = labelled(e.run(Experiments.MEMORY, TPC, MEMORY, N, RunMetric.STACK_PER_CONNECTION), "committed stack per thread");
            return Assessment.of(m, Rules.absolute(THREAD_STACK_BYTES, m));
        });
        s.claim("per-connection context on the heap instead of a thread saves more than " + ChapterText.number(CONTEXT_SAVING_PERCENT)
                + " %", contextSaving, () -> {
            Measured m = saving(e);
            return Assessment.of(m, Rules.atLeast(CONTEXT_SAVING_PERCENT / PERCENT, m.value()));
        });
        String bufferSaving = "~" + ChapterText.number(BUFFER_SAVING_PERCENT) + " %";
        s.noExperiment("dynamically resized buffers save " + bufferSaving, bufferSaving,
                "no two models here differ only in buffer sizing (each model's buffers come with its I/O style), so no saving can be "
                        + "attributed to resizing alone");
        s.notMeasurable("fd management in a red-black tree + hash: O(log n)", "O(log n)",
                "it needs kernel tracing (eBPF or ftrace on epoll_ctl, root) that this machine does not grant; the kernel's epoll keeps its interest set in a red-black tree whichever Java model runs (the JDK's Selector uses "
                        + "epoll on Linux); nothing in user space times it apart from the rest of a request");
        s.note(() -> "Per connection: (with " + Units.grouped(N) + " idle keep-alive connections − with none) ÷ connections, from "
                + "compare's memory step. Thread stack is NMT's committed thread-stack memory: Java reserves -Xss (1 MiB by default) "
                + "per thread but commits only what the thread touched.");
        s.note(() -> "Saving = 1 − " + REACTOR + " RSS per connection ÷ " + TPC + " RSS per connection.");
    }

    private static Measured saving(Evidence e) {
        Measured thread = e.run(Experiments.MEMORY, TPC, MEMORY, N, RunMetric.RSS_PER_CONNECTION);
        Measured heap = e.run(Experiments.MEMORY, REACTOR, MEMORY, N, RunMetric.RSS_PER_CONNECTION);
        double saving = 1 - heap.value() / thread.value();
        return new Measured(saving, Units.percentWithSign(saving * 100) + " (" + heap.text() + " vs " + thread.text() + " RSS per connection)",
                Measured.joinSources(heap.source(), thread.source()));
    }

    // ---- T4 -----------------------------------------------------------------------------------------

    static ChapterTable t4() {
        return ChapterTable.of("T4", List.of(Experiments.MEMORY), ServerTables::judgeT4);
    }

    private static void judgeT4(Evidence e, Sheet s) {
        s.analogue("Java's blocking models (a bounded platform-thread pool, a platform thread per connection) and the NIO reactor "
                + "for blocking and event-driven I/O");
        s.cell(0, 1, () -> held(e, POOL));
        s.cell(1, 1, () -> held(e, REACTOR));
        s.cell(0, 2, () -> threads(e, TPC));
        s.cell(1, 2, () -> threads(e, REACTOR));
        s.claim("connection limit: blocking low, event-driven high", "low vs high", () -> {
            // Blocking I/O as such: the blocking model that held the most. The pool's limit is its configured size, not blocking's.
            Measured most = null;
            for (String model : Experiments.BLOCKING_MODELS) {
                Measured h = e.run(Experiments.MEMORY, model, MEMORY, N, RunMetric.HELD);
                most = most == null || h.value() > most.value() ? h.shown(h.text() + " (" + model + ")") : most;
            }
            Measured m = e.run(Experiments.MEMORY, REACTOR, MEMORY, N, RunMetric.HELD).over(most);
            Judgement j = Rules.higher(m);
            return Assessment.of(m, new Judgement(j.verdict(), j.why() + " (reactor ÷ the blocking model that held the most; "
                    + POOL + "'s limit is its pool size, chosen, not a property of blocking I/O, and " + TPC + " is blocking too)"));
        });
        s.claim("thread cost: blocking high, event-driven very low", "high vs very low", () -> {
            // Both blocking forms must cost more threads than the reactor: the fewest of them against it.
            Measured fewest = null;
            for (String model : Experiments.BLOCKING_MODELS) {
                Measured t = e.run(Experiments.MEMORY, model, MEMORY, N, RunMetric.THREADS_LOADED);
                fewest = fewest == null || t.value() < fewest.value() ? t.shown(t.text() + " threads (" + model + ")") : fewest;
            }
            Measured m = fewest.over(e.run(Experiments.MEMORY, REACTOR, MEMORY, N, RunMetric.THREADS_LOADED));
            Judgement j = Rules.higher(m);
            return Assessment.of(m, new Judgement(j.verdict(), j.why() + " (the blocking model with the fewest threads ÷ the reactor)"));
        });
        s.notAClaim("typical use", "small services vs web servers, gateways", "advice, not a measurement");
        s.note(() -> "Blocking I/O appears in two forms, both measured at " + Units.grouped(N) + " idle keep-alive connections: a "
                + "bounded pool (" + POOL + ": a fixed pool and a bounded queue, as Tomcat) has a connection limit; " + TPC
                + " has none but one OS thread per connection: it held "
                + e.run(Experiments.MEMORY, TPC, MEMORY, N, RunMetric.HELD).text() + " with "
                + e.run(Experiments.MEMORY, TPC, MEMORY, N, RunMetric.THREADS_LOADED).text() + " threads.");
        s.note(() -> POOL + " at " + Units.grouped(N) + ": " + e.runs(Experiments.MEMORY, POOL, MEMORY, N).get(0).run().memory().note()
                + " (" + e.runs(Experiments.MEMORY, POOL, MEMORY, N).get(0).file() + " → memory.note)");
    }

    private static Measured held(Evidence e, String model) {
        Measured m = e.run(Experiments.MEMORY, model, MEMORY, N, RunMetric.HELD);
        return m.shown(m.text() + " of " + Units.grouped(N) + " held (" + model + ")");
    }

    private static Measured threads(Evidence e, String model) {
        Measured m = e.run(Experiments.MEMORY, model, MEMORY, N, RunMetric.THREADS_LOADED);
        return m.shown(m.text() + " threads (" + model + ")");
    }

    // ---- T6 -----------------------------------------------------------------------------------------

    static ChapterTable t6() {
        return ChapterTable.of("T6", List.of(Experiments.T6, Experiments.T6_TIMED), ServerTables::judgeT6);
    }

    private static void judgeT6(Evidence e, Sheet s) {
        s.analogue("JVMs sharing a port with SO_REUSEPORT for Go processes; the built-in client for ab, both as ab -n "
                + Units.grouped(Experiments.T6_REQUESTS) + " and by duration");
        int c = Experiments.T6_CONNECTIONS;
        String single = singleProcess(e);
        String multi = multiProcess(e);
        s.cell(0, 1, () -> t6(e, single, RunMetric.QPS));
        s.cell(0, 2, () -> t6(e, single, RunMetric.MEAN_LATENCY));
        s.cell(0, 3, () -> t6(e, single, RunMetric.SERVER_CPU));
        s.cell(1, 1, () -> t6(e, multi, RunMetric.QPS));
        s.cell(1, 2, () -> t6(e, multi, RunMetric.MEAN_LATENCY));
        s.cell(1, 3, () -> t6(e, multi, RunMetric.SERVER_CPU));

        String singleQps = ChapterText.number(T6_SINGLE_QPS);
        String multiQps = ChapterText.number(T6_MULTI_QPS);
        String singleMean = ChapterText.number(T6_SINGLE_MEAN_MILLIS) + " ms";
        String multiMean = ChapterText.number(T6_MULTI_MEAN_MILLIS) + " ms";
        s.claim("single-process QPS", singleQps, () -> bothT6(timed -> {
            Measured m = t6(e, timed, single, RunMetric.QPS);
            return Assessment.of(m, Rules.absolute(T6_SINGLE_QPS, m));
        }));
        s.claim("multi-process QPS", multiQps, () -> bothT6(timed -> {
            Measured m = t6(e, timed, multi, RunMetric.QPS);
            return Assessment.of(m, Rules.absolute(T6_MULTI_QPS, m));
        }));
        s.claim("multi-process QPS ÷ single-process QPS", multiQps + " ÷ " + singleQps + " = " + Units.times(T6_MULTI_QPS / T6_SINGLE_QPS),
                () -> bothT6(timed -> {
                    Measured m = t6(e, timed, multi, RunMetric.QPS).over(t6(e, timed, single, RunMetric.QPS));
                    return Assessment.of(m, Rules.ratio(T6_MULTI_QPS / T6_SINGLE_QPS, m));
                }));
        s.claim("single-process mean latency", singleMean, () -> bothT6(timed -> {
            Measured m = t6(e, timed, single, RunMetric.MEAN_LATENCY);
            return Assessment.of(m, Rules.absolute(T6_SINGLE_MEAN_MILLIS * NANOS_PER_MILLI, m));
        }));
        s.claim("multi-process mean latency", multiMean, () -> bothT6(timed -> {
            Measured m = t6(e, timed, multi, RunMetric.MEAN_LATENCY);
            return Assessment.of(m, Rules.absolute(T6_MULTI_MEAN_MILLIS * NANOS_PER_MILLI, m));
        }));
        s.claim("single-process mean latency ÷ multi-process mean latency",
                singleMean + " ÷ " + multiMean + " = " + Units.times(T6_SINGLE_MEAN_MILLIS / T6_MULTI_MEAN_MILLIS), () -> bothT6(timed -> {
                    Measured m = t6(e, timed, single, RunMetric.MEAN_LATENCY).over(t6(e, timed, multi, RunMetric.MEAN_LATENCY));
                    return Assessment.of(m, Rules.ratio(T6_SINGLE_MEAN_MILLIS / T6_MULTI_MEAN_MILLIS, m));
                }));
        s.claim("multi-process CPU utilisation ÷ single-process", ChapterText.number(T6_MULTI_CPU) + " % ÷ "
                + ChapterText.number(T6_SINGLE_CPU) + " % = " + Units.times(T6_MULTI_CPU / T6_SINGLE_CPU), () -> bothT6(timed -> {
            Measured m = t6(e, timed, multi, RunMetric.SERVER_CPU).over(t6(e, timed, single, RunMetric.SERVER_CPU));
            double window = Math.min(t6(e, timed, multi, RunMetric.WINDOW).value(), t6(e, timed, single, RunMetric.WINDOW).value());
            if (window < CPU_SAMPLE_NANOS) {
                return Assessment.of(m, new Judgement(Verdict.INCONCLUSIVE, "CPU is sampled once a second but the measured windows "
                        + "last " + Units.nanos(window) + " or more: each figure is interpolated between samples that mostly cover "
                        + "warm-up and drain, so the ratio cannot tell the claim (" + Rules.ratio(T6_MULTI_CPU / T6_SINGLE_CPU, m).why()
                        + ")"));
            }
            return Assessment.of(m, Rules.ratio(T6_MULTI_CPU / T6_SINGLE_CPU, m));
        }));
        s.note(() -> "Cores: the chapter had " + T6_CHAPTER_CORES + " cores and " + T6_CHAPTER_CORES + " processes; this machine has "
                + e.cores() + ", so " + multi + " (" + e.cores() + " JVMs, one event loop each, one port with SO_REUSEPORT) against "
                + single + " (one JVM with " + e.cores() + " event loops): the same serving code, so the process count is the only "
                + "difference. A multi-process gain can be at most about the core count, here " + e.cores() + "×.");
        s.note(() -> "As the chapter ran ab on the server's machine, server and load generator are unpinned and share the "
                + e.cores() + " cores. CPU utilisation is the server's CPU time in the measured window ÷ (window × cores); the load "
                + "generator took " + t6(e, single, RunMetric.CLIENT_CPU).text() + " (single) and "
                + t6(e, multi, RunMetric.CLIENT_CPU).text() + " (multi) of the machine beside it.");
        s.note(() -> "The counted " + Units.grouped(Experiments.T6_REQUESTS) + " requests take only "
                + t6(e, single, RunMetric.WINDOW).text() + " (single) and " + t6(e, multi, RunMetric.WINDOW).text() + " (multi), less "
                + "than compare's one-second /proc sampling: CPU utilisation is interpolated between the samples around that window, "
                + "which also cover the warm-up at the same load and the drain after it. Take it as approximate.");
        s.note(() -> {
            Measured q = t6(e, single, RunMetric.QPS);
            Measured l = t6(e, single, RunMetric.MEAN_LATENCY);
            return "Little's law (arithmetic, not a measurement): in a closed loop with " + Units.grouped(c) + " connections, mean "
                    + "latency ≈ connections ÷ QPS. The chapter's " + singleQps + " QPS implies " + Units.nanos(c / T6_SINGLE_QPS * NANOS_PER_SECOND)
                    + " and its " + multiQps + " QPS " + Units.nanos(c / T6_MULTI_QPS * NANOS_PER_SECOND) + ", not " + singleMean + " and "
                    + multiMean + ": its latencies do not fit its own throughput at " + Units.grouped(c) + " clients. Ours fit: "
                    + Units.grouped(c) + " ÷ " + q.text()
                    + " = " + Units.nanos(c / q.value() * NANOS_PER_SECOND) + " vs measured " + l.text() + " (" + single + ").";
        });
        s.note(() -> "A virtual thread per connection in one JVM (the closest to Gin's goroutine per connection): "
                + t6(e, VT, RunMetric.QPS).text() + ", mean latency " + t6(e, VT, RunMetric.MEAN_LATENCY).text() + ", CPU "
                + t6(e, VT, RunMetric.SERVER_CPU).text() + ".");
        s.details("T6 by duration (" + Experiments.T6_TIMED + "/*.json; median and min–max over rounds)", () -> {
            MdTable t = new MdTable("model", ">QPS", ">mean latency", ">server CPU (of machine)", ">measured window");
            for (String model : Experiments.t6Models(e.cores())) {
                List<String> row = new ArrayList<>(List.of(model));
                try {
                    for (RunMetric m : List.of(RunMetric.QPS, RunMetric.MEAN_LATENCY, RunMetric.SERVER_CPU, RunMetric.WINDOW)) {
                        row.add(t6(e, true, model, m).text());
                    }
                } catch (NotMeasured.NotRun old) {
                    throw old;
                } catch (NotMeasured nm) {
                    row.add(Sheet.NOT_MEASURED + nm.getMessage());
                    while (row.size() < t.columns()) {
                        row.add("");
                    }
                }
                t.row(row);
            }
            return t.render();
        });
        s.details("T6 runs (t6/*.json; medians over repeats)", () -> {
            MdTable t = new MdTable("model", ">runs", ">QPS", ">mean latency", ">p99", ">server CPU (of machine)", ">client CPU (of machine)",
                    ">processes", ">measured window", ">QPS of each run");
            for (String model : Experiments.t6Models(e.cores())) {
                List<String> row = new ArrayList<>(List.of(model));
                try {
                    row.add(Integer.toString(e.runs(Experiments.T6, model, PLAINTEXT, c).size()));
                    for (RunMetric m : List.of(RunMetric.QPS, RunMetric.MEAN_LATENCY, RunMetric.P99_LATENCY, RunMetric.SERVER_CPU,
                            RunMetric.CLIENT_CPU, RunMetric.PROCESSES, RunMetric.WINDOW)) {
                        row.add(t6(e, model, m).text());
                    }
                    row.add(String.join(", ", e.runs(Experiments.T6, model, PLAINTEXT, c).stream()
                            .map(f -> Units.count(f.run().load().requestsPerSecond())).toList()));
                } catch (NotMeasured nm) {
                    row.add(Sheet.NOT_MEASURED + nm.getMessage());
                    while (row.size() < t.columns()) {
                        row.add("");
                    }
                }
                t.row(row);
            }
            return t.render();
        });
    }

    /** A T6 figure from the faithful {@code -n} run, or (timed) from the duration-based rounds: median, min–max. */
    static Measured t6(Evidence e, boolean timed, String model, RunMetric metric) {
        return timed ? Measured.fold(e.t6TimedRounds(model, metric), metric.format) : t6(e, model, metric);
    }

    /**
     * A T6 claim judged on both runs: the faithful {@code ab -n} one and the duration-based one. Both
     * agree = that verdict; they disagree = inconclusive, unless the -n run could not tell
     * (inconclusive) and the timed run can. A run without the timed experiment is judged on -n alone.
     */
    static Assessment bothT6(java.util.function.Function<Boolean, Assessment> judged) {
        Assessment n = judged.apply(false);
        Assessment t;
        try {
            t = judged.apply(true);
        } catch (NotMeasured.NotRun old) {
            return n;
        } catch (NotMeasured failed) {
            return new Assessment(n.measured(), new Judgement(n.judgement().verdict(), n.judgement().why()
                    + "; the timed run: not measured: " + failed.getMessage()), n.source());
        }
        String measured = "-n run: " + n.measured() + "; timed run: " + t.measured();
        String source = Measured.joinSources(n.source(), t.source());
        Verdict vn = n.judgement().verdict();
        Verdict vt = t.judgement().verdict();
        String why = "-n run: " + vn.label() + ", " + n.judgement().why() + "; timed run: " + vt.label() + ", " + t.judgement().why();
        if (vn == vt) {
            return new Assessment(measured, new Judgement(vn, "both runs agree. " + why), source);
        }
        if (vn == Verdict.INCONCLUSIVE) {
            return new Assessment(measured, new Judgement(vt, "the timed run decides, the -n run cannot tell. " + why), source);
        }
        return new Assessment(measured, new Judgement(Verdict.INCONCLUSIVE, "the two runs disagree, so the run's length "
                + "decides, not the claim. " + why), source);
    }

    static Measured t6(Evidence e, String model, RunMetric metric) {
        return e.run(Experiments.T6, model, PLAINTEXT, Experiments.T6_CONNECTIONS, metric);
    }

    // ---- T11 ----------------------------------------------------------------------------------------

    static ChapterTable t11() {
        return ChapterTable.of("T11", List.of(Experiments.MEMORY, Experiments.BUFFER_REUSE), ServerTables::judgeT11);
    }

    private static void judgeT11(Evidence e, Sheet s) {
        s.analogue("a virtual thread per connection for a goroutine per connection, a platform thread per connection for the thread "
                + "model; JVM RSS for the Go process's memory");
        for (int i = 0; i < Experiments.MEMORY_CONNECTIONS.size(); i++) {
            int n = Experiments.MEMORY_CONNECTIONS.get(i);
            s.cell(i, 1, () -> rssAndHeap(e, TPC, n));
            s.cell(i, 2, () -> rssAndHeap(e, VT, n));
        }
        for (int i = 0; i < Experiments.MEMORY_CONNECTIONS.size(); i++) {
            int n = Experiments.MEMORY_CONNECTIONS.get(i);
            double thread = T11_THREAD_MB[i];
            double coroutine = T11_COROUTINE_MB[i];
            String at = " at " + Units.grouped(n) + " connections";
            s.claim("thread model" + at, Units.grouped((long) thread) + " MB", () -> {
                Measured m = rss(e, TPC, n);
                return Assessment.of(m, Rules.absolute(thread * MIB, m));
            });
            s.claim("coroutine model" + at, Units.grouped((long) coroutine) + " MB", () -> {
                Measured m = rss(e, VT, n);
                return Assessment.of(m, Rules.absolute(coroutine * MIB, m));
            });
            s.claim("thread model ÷ coroutine model" + at,
                    Units.grouped((long) thread) + " ÷ " + Units.grouped((long) coroutine) + " = " + Units.times(thread / coroutine), () -> {
                        Measured m = e.run(Experiments.MEMORY, TPC, MEMORY, n, RunMetric.RSS_TOTAL)
                                .over(e.run(Experiments.MEMORY, VT, MEMORY, n, RunMetric.RSS_TOTAL));
                        return Assessment.of(m, Rules.ratio(thread / coroutine, m));
                    });
        }
        String goroutineStack = ChapterText.number(GOROUTINE_STACK_KB) + " KB";
        s.claim("a goroutine stack starts at " + goroutineStack, goroutineStack, () -> {
            Measured m = e.run(Experiments.MEMORY, VT, MEMORY, N, RunMetric.HEAP_PER_CONNECTION);
            return Assessment.of(m.shown(m.text() + " heap per connection (virtual)"), Rules.absolute(GOROUTINE_STACK_BYTES, m));
        });
        String cut = ChapterText.number(POOLED_ALLOCATION_CUT_PERCENT) + " %";
        String unpooledGc = ChapterText.number(UNPOOLED_GC_PER_SECOND) + "/s";
        String pooledGc = ChapterText.number(POOLED_GC_PER_SECOND) + "/s";
        s.analogue("JMH BufferReuse: a 4 KiB buffer per request from a shared pool (sync.Pool's pattern) vs a fresh one, "
                + "one request at a time with -prof gc, not a server at 10,000 connections");
        s.claim("pooling buffers (sync.Pool) cuts heap allocations by " + cut, "−" + cut, () -> {
            Measured fresh = score(e.bufferReuse(Evidence.BUFFER_FRESH, Evidence.ALLOC_NORM));
            Measured pooled = score(e.bufferReuse(Evidence.BUFFER_POOLED, Evidence.ALLOC_NORM));
            Measured m = cut(fresh, pooled, " allocated per request");
            return Assessment.of(m, Rules.cut(POOLED_ALLOCATION_CUT_PERCENT / PERCENT, m));
        });
        s.claim("pooling buffers cuts GC cycles from " + unpooledGc + " to " + pooledGc + " at "
                + ChapterText.number(Experiments.LARGEST_MEMORY_CONNECTIONS / THOUSAND) + "k connections", unpooledGc + " → " + pooledGc, () -> {
            Measured fresh = score(e.bufferReuseGcPerSecond(Evidence.BUFFER_FRESH));
            Measured pooled = score(e.bufferReuseGcPerSecond(Evidence.BUFFER_POOLED));
            Measured m = cut(fresh, pooled, "");
            Judgement j = Rules.cut(1 - POOLED_GC_PER_SECOND / UNPOOLED_GC_PER_SECOND, m);
            return Assessment.of(m, new Judgement(j.verdict(), j.why() + " (judged on the cut; the rates themselves come from "
                    + "a benchmark allocating as fast as it can, not from the chapter's server)"));
        });
        s.note(() -> "MB here are MiB of the server process: RSS (resident, what the OS sees) and, separately, heap used after two full "
                + "GCs (live Java objects), with N idle keep-alive connections held. RSS includes the JVM's own "
                + e.run(Experiments.MEMORY, VT, MEMORY, N, RunMetric.BASELINE_RSS).text() + " with no connection (virtual's baseline). "
                + "Verdicts use RSS.");
        s.note(() -> "A virtual thread's stack lives on the heap, so the " + goroutineStack + " claim is judged on heap per connection, which also holds "
                + "the socket and buffers of the connection.");
        s.note(() -> "The reactor (not in the chapter's table) at " + Units.grouped(N) + ": " + rssAndHeap(e, REACTOR, N).text() + ".");
        s.details("Memory runs (memory/*.json)", () -> memoryTable(e));
    }

    /** A JMH score with its interval: score ± error, or its iterations' min–max when JMH gave no error. */
    private static Measured score(Evidence.JmhScore j) {
        double lo = Math.max(0, j.low());
        return new Measured(j.score(), Math.min(lo, j.score()), Math.max(j.high(), j.score()), j.measured().text(), j.source());
    }

    /** 1 − pooled ÷ fresh, its interval the widest the two intervals allow. */
    private static Measured cut(Measured fresh, Measured pooled, String what) {
        double v = 1 - pooled.value() / fresh.value();
        double lo = 1 - pooled.high() / fresh.low();
        double hi = 1 - pooled.low() / fresh.high();
        return new Measured(v, lo, hi, Units.percentWithSign(v * PERCENT) + " cut (" + pooled.text() + " pooled vs " + fresh.text()
                + " fresh" + what + ")", Measured.joinSources(pooled.source(), fresh.source()));
    }

    private static Measured rss(Evidence e, String model, int n) {
        Measured m = e.run(Experiments.MEMORY, model, MEMORY, n, RunMetric.RSS_TOTAL);
        return m.shown("RSS " + m.text() + " (" + model + ")");
    }

    private static Measured rssAndHeap(Evidence e, String model, int n) {
        Measured rss = e.run(Experiments.MEMORY, model, MEMORY, n, RunMetric.RSS_TOTAL);
        Measured heap = e.run(Experiments.MEMORY, model, MEMORY, n, RunMetric.HEAP_TOTAL);
        return new Measured(rss.value(), "RSS " + rss.text() + ", heap " + heap.text() + " (" + model + ")",
                Measured.joinSources(rss.source(), heap.source()));
    }

    private static String memoryTable(Evidence e) {
        MdTable t = new MdTable("model", ">connections (asked / held)", ">RSS", ">heap after GC", ">RSS per connection",
                ">heap per connection", ">NMT thread stacks per connection", ">threads", "file");
        for (String model : List.of(TPC, VT, REACTOR, POOL)) {
            for (int n : Experiments.MEMORY_CONNECTIONS) {
                List<RunFile> runs;
                try {
                    runs = e.runs(Experiments.MEMORY, model, MEMORY, n);
                } catch (NotMeasured nm) {
                    if (!nm.getMessage().startsWith("no ")) {
                        t.row(model, Units.grouped(n), Sheet.NOT_MEASURED + nm.getMessage(), "", "", "", "", "", "");
                    }
                    continue;
                }
                RunFile f = runs.get(0);
                RunResult.MemoryFigures m = f.run().memory();
                t.row(model, Units.grouped(m.requested()) + " / " + Units.grouped(m.held()), Units.mib(m.loaded().rssBytes()),
                        Units.mib(m.loaded().heapUsedBytes()), perConnection(m, m.rssBytesPerConnection(), RunResult.Noise::rssBytes),
                        perConnection(m, m.heapBytesPerConnection(), RunResult.Noise::heapBytes),
                        perConnection(m, m.nmtThreadStackBytesPerConnection(), RunResult.Noise::nmtThreadStackBytes),
                        Units.grouped(m.loaded().threads()), f.file());
            }
        }
        return t.render();
    }

    /** A per-connection figure as compare's summary shows it: "≈ 0 (±X)" inside its noise band, "–" when absent. */
    private static String perConnection(RunResult.MemoryFigures m, Double value, Function<RunResult.Noise, Long> band) {
        Long b = m.noise() == null ? null : band.apply(m.noise());
        return Units.bytesAgainstNoise(value == null ? Double.NaN : value,
                b == null ? Double.NaN : b / (double) Math.max(1, m.held()));
    }

    // ---- T13 ----------------------------------------------------------------------------------------

    static ChapterTable t13() {
        return ChapterTable.of("T13", List.of(Experiments.T6, Experiments.JFR), ServerTables::judgeT13);
    }

    private static void judgeT13(Evidence e, Sheet s) {
        s.analogue("JVM processes sharing a port for Go processes, JFR for pprof");
        String single = singleProcess(e);
        String multi = multiProcess(e);
        List<String> jfrModels = Experiments.jfrModels(e.cores());
        s.cell(0, 1, () -> processes(e, multi));
        s.cell(0, 2, () -> processes(e, single));
        s.cell(1, 1, () -> recordings(e, jfrModels.get(1)));
        s.cell(1, 2, () -> recordings(e, jfrModels.get(0)));
        s.cell(2, 1, () -> answered(e, multi));

        s.claim("logs: several processes are several sources to merge", "several sources vs one stdout", () -> {
            Measured m = processes(e, multi);
            Measured one = processes(e, single);
            boolean matches = m.value() > 1 && one.value() == 1;
            return new Assessment(m.text() + " vs " + one.text(),
                    Rules.byConstruction(matches, "each process of the multi-process server writes its own stdout and stderr: true "
                            + "of any multi-process server"),
                    Measured.joinSources(m.source(), one.source()));
        });
        s.claim("profiling: one recording per process to merge", "several recordings vs one exact account", () -> {
            Measured m = recordings(e, jfrModels.get(1));
            Measured one = recordings(e, jfrModels.get(0));
            boolean matches = m.value() > 1 && one.value() == 1;
            return new Assessment(m.text() + " vs " + one.text(),
                    Rules.byConstruction(matches, "JFR records one JVM: a multi-process server leaves a recording per process, "
                            + "as any per-process profiler does"),
                    Measured.joinSources(m.source(), one.source()));
        });
        s.noExperiment("profiling: sampling loss and clock skew between processes", "sampling loss, clock skew",
                "each JFR recording is stamped by its own process; nothing here merges recordings, so no loss or skew is measured");
        s.claim("live intervention needs IPC", "needs IPC vs call directly", () -> {
            Measured m = answered(e, multi);
            return Assessment.of(m, Rules.byConstruction(m.value() >= 2,
                    "the supervisor's stats answer is assembled from its workers' answers over their stdin/stdout pipes: separate "
                            + "processes share no memory, so any such answer needs IPC"));
        });
        s.note(() -> {
            StringBuilder b = new StringBuilder("Balance over SO_REUSEPORT (" + multi + " in T6): share of requests per worker, ");
            List<String> shares = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (RunFile f : e.runs(Experiments.T6, multi, PLAINTEXT, Experiments.T6_CONNECTIONS)) {
                ServerStats st = f.run().serverStats();
                long total = st.workers().stream().mapToLong(ServerStats.WorkerShare::requests).sum();
                shares.add(String.join(" / ", st.workers().stream()
                        .map(w -> Units.percentWithSign(100.0 * w.requests() / Math.max(1, total))).toList()));
                files.add(f.file());
            }
            return b.append("one group per run: ").append(String.join("; ", shares)).append(" (")
                    .append(String.join(", ", files)).append(" → serverStats.workers[].requests).").toString();
        });
        s.note(() -> "Recordings were counted and then deleted to keep the results small (" + Experiments.JFR + "/" + Evidence.JFR_FILE
                + " lists them); rerun the command under \"Measured by\" to keep them.");
    }

    private static Measured processes(Evidence e, String model) {
        Measured m = t6(e, model, RunMetric.PROCESSES);
        return m.shown(m.text() + (m.value() == 1 ? " process" : " processes") + " (" + model + ")");
    }

    private static Measured recordings(Evidence e, String model) {
        Map<String, List<String>> all = e.recordings();
        List<String> files = all.get(model);
        if (files == null) {
            throw new NotMeasured(Experiments.JFR + "/" + Evidence.JFR_FILE + " has no entry for " + model);
        }
        return new Measured(files.size(), files.size() + (files.size() == 1 ? " JFR recording" : " JFR recordings") + " (" + model + ")",
                Experiments.JFR + "/" + Evidence.JFR_FILE + " → recordings." + model);
    }

    private static Measured answered(Evidence e, String model) {
        Measured m = t6(e, model, RunMetric.WORKERS_ANSWERED);
        return m.shown("stats gathered from " + m.text() + " workers over pipes");
    }

    private static Measured labelled(Measured m, String what) {
        return m.shown(m.text() + " " + what);
    }
}
