package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.report.MdTable;
import io.concbench.report.Units;

import java.util.ArrayList;
import java.util.List;

import static io.concbench.reproduce.Evidence.RunMetric;
import static io.concbench.reproduce.Evidence.SleeperMetric;

/**
 * T1, T2 and T10: what a unit of concurrency costs — memory, a switch, a start — and how many fit.
 * Platform threads stand for the chapter's OS threads, virtual threads for goroutines.
 */
final class ThreadTables {

    static final int TEN_THOUSAND = 10_000;
    static final double KIB = 1024;
    static final double MIB = KIB * KIB;
    static final double GIB = MIB * KIB;
    /** The decades the chapter's words name. */
    static final double HUNDRED = 1e2;
    static final double THOUSAND = 1e3;
    static final double TEN_THOUSAND_D = 1e4;
    static final double HUNDRED_THOUSAND = 1e5;
    static final double MILLION = 1e6;
    static final double NANOS_PER_MICRO = 1e3;
    /** The chapter's figures. */
    static final double GOROUTINE_START_KB = ChapterText.claim("T2", "goroutineStartKB");
    static final double THREAD_SWITCH_MICROS = ChapterText.claim("T10", "threadSwitchMicros");
    static final double COROUTINE_SWITCH_NANOS = ChapterText.claim("T10", "coroutineSwitchNanos");
    static final double THREAD_SWITCH_NANOS = THREAD_SWITCH_MICROS * NANOS_PER_MICRO;
    static final double GOROUTINE_START_BYTES = GOROUTINE_START_KB * KIB;
    static final double TEN_MIB = 10 * MIB;
    static final double HUNDRED_MIB = 100 * MIB;

    private static final String PLATFORM = SleeperVariant.PLATFORM;
    private static final String VIRTUAL = SleeperVariant.VIRTUAL;

    private ThreadTables() {}

    static ChapterTable t1() {
        return ChapterTable.of("T1", List.of(Experiments.MEMORY, Experiments.SWITCH, Experiments.SWITCH_PINNED, Experiments.T6),
                ThreadTables::judgeT1);
    }

    private static void judgeT1(Evidence e, Sheet s) {
        s.analogue("a platform thread for an OS thread, a virtual thread for a goroutine");
        int n = Experiments.LARGEST_MEMORY_CONNECTIONS;
        String tpc = Experiments.THREAD_PER_CONNECTION;
        String vt = Experiments.VIRTUAL;
        s.cell(1, 1, () -> perConnection(e, tpc, n));
        s.cell(1, 2, () -> perConnection(e, vt, n));
        s.cell(2, 1, () -> threadsAt(e, tpc, n));
        s.cell(2, 2, () -> threadsAt(e, vt, n));
        s.cell(3, 1, () -> platformSwitch(e).shown(platformSwitch(e).text() + " per switch (platform, one CPU)"));
        s.cell(3, 2, () -> virtualSwitch(e).shown(virtualSwitch(e).text() + " per switch (virtual, one carrier)"));

        s.claim("memory cost of a thread", "MB per thread (1 MiB–1 GiB)", () -> {
            Measured m = perConnection(e, tpc, n);
            return Assessment.of(m, Rules.within(MIB, GIB, m, "1 MiB–1 GiB (MB per thread)"));
        });
        s.claim("memory cost of a goroutine", "KB per goroutine (1 KiB–1 MiB)", () -> {
            Measured m = perConnection(e, vt, n);
            return Assessment.of(m, Rules.within(KIB, MIB, m, "1 KiB–1 MiB (KB per goroutine)"));
        });
        s.claim("a thread costs more memory than a goroutine", "MB vs KB", () -> {
            Measured m = e.run(Experiments.MEMORY, tpc, "memory", n, RunMetric.RSS_PER_CONNECTION)
                    .over(e.run(Experiments.MEMORY, vt, "memory", n, RunMetric.RSS_PER_CONNECTION));
            return Assessment.of(m, Rules.higher(m));
        });
        s.claim("scheduling: the OS schedules threads, the runtime schedules goroutines", "OS scheduler vs language runtime", () -> {
            Measured tThreads = e.run(Experiments.MEMORY, tpc, "memory", n, RunMetric.THREADS_LOADED);
            Measured tHeld = e.run(Experiments.MEMORY, tpc, "memory", n, RunMetric.HELD);
            Measured vThreads = e.run(Experiments.MEMORY, vt, "memory", n, RunMetric.THREADS_LOADED);
            Measured vHeld = e.run(Experiments.MEMORY, vt, "memory", n, RunMetric.HELD);
            boolean matches = tThreads.value() >= tHeld.value() && vThreads.value() < vHeld.value();
            return new Assessment(tThreads.text() + " OS threads for " + tHeld.text() + " connections (thread-per-connection) vs "
                    + vThreads.text() + " for " + vHeld.text() + " (virtual)",
                    Rules.observed(matches, matches ? "one OS thread per connection vs a few carriers the JDK schedules virtual threads on"
                            : "the thread counts do not show the split"),
                    Measured.joinSources(tThreads.source(), vThreads.source()));
        });
        s.claim("context-switch cost: thread high, goroutine very low", "high vs very low", () -> {
            Measured m = platformSwitch(e).over(virtualSwitch(e));
            return Assessment.of(m, Rules.higher(m));
        });
        s.analogue("one JVM with an NIO reactor for one Go process");
        s.claim("one process steadily supports tens of thousands of QPS", "10,000–100,000 QPS", () -> {
            Measured m = e.run(Experiments.T6, ServerTables.singleProcess(e), "plaintext", Experiments.T6_CONNECTIONS, RunMetric.QPS);
            return Assessment.of(m, Rules.within(TEN_THOUSAND_D, HUNDRED_THOUSAND, m, "10k–100k req/s (tens of thousands)"));
        });
        s.note(() -> "Memory per unit is compare's memory step: (RSS with " + Units.grouped(n) + " idle keep-alive connections − RSS "
                + "with none) ÷ connections, one platform thread or one virtual thread per connection. A platform thread reserves "
                + "its whole stack (-Xss, 1 MiB by default on Linux x64) as address space, but only the pages it touches are resident.");
        s.note(() -> "QPS: " + ServerTables.singleProcess(e) + " (one JVM, one event loop per core) in T6's run, /plaintext with "
                + "1,000 connections and the load generator on the same " + e.cores() + " cores.");
    }

    static ChapterTable t2() {
        return ChapterTable.of("T2", List.of(Experiments.SLEEPERS, Experiments.SWITCH, Experiments.SWITCH_PINNED,
                Experiments.THREAD_START, Experiments.MEMORY), ThreadTables::judgeT2);
    }

    private static void judgeT2(Evidence e, Sheet s) {
        s.analogue("a platform thread for an OS thread (the pool's threads), a virtual thread for a goroutine");
        s.cell(0, 1, () -> perWorker(e, PLATFORM));
        s.cell(1, 1, () -> perWorker(e, VIRTUAL));
        s.cell(0, 2, () -> platformSwitch(e));
        s.cell(1, 2, () -> virtualSwitch(e));
        s.cell(0, 3, () -> {
            Measured pool = e.run(Experiments.MEMORY, Experiments.THREAD_POOL_STAND_IN, "memory", Experiments.LARGEST_MEMORY_CONNECTIONS,
                    RunMetric.HELD);
            return pool.shown(pool.text() + " connections at once (" + Experiments.THREAD_POOL_STAND_IN + ", its pool size); platform "
                    + "threads: " + platformReach(e));
        });
        s.cell(1, 3, () -> reached(e, VIRTUAL));

        s.claim("size of a platform thread", "several MB (1–10 MiB)", () -> {
            Measured m = perWorker(e, PLATFORM);
            return Assessment.of(m, Rules.within(MIB, TEN_MIB, m, "1–10 MiB (several MB)"));
        });
        s.claim("size of a goroutine at start", ChapterText.number(GOROUTINE_START_KB) + " KB", () -> {
            Measured m = perWorker(e, VIRTUAL);
            return Assessment.of(m, Rules.absolute(GOROUTINE_START_BYTES, m));
        });
        s.claim("switch cost: thread high, goroutine low", "high vs low", () -> {
            Measured m = platformSwitch(e).over(virtualSwitch(e));
            return Assessment.of(m, Rules.higher(m));
        });
        s.analogue("the project's one thread-pool stand-in, " + Experiments.THREAD_POOL_STAND_IN + " (a fixed pool of platform "
                + "threads and a bounded queue, as Tomcat), for the chapter's traditional thread pool");
        s.claim("concurrency scale of a thread pool", "hundreds (100–1,000)", () -> {
            int n = Experiments.LARGEST_MEMORY_CONNECTIONS;
            Measured m = e.run(Experiments.MEMORY, Experiments.THREAD_POOL_STAND_IN, "memory", n, RunMetric.HELD);
            Judgement j = Rules.within(HUNDRED, THOUSAND, m, "100–1,000 (hundreds)");
            String platform = platformReach(e);
            String what = "held " + m.text() + " of " + Units.grouped(n) + " connections: its configured pool size";
            return Assessment.of(m.shown(m.text() + " of " + Units.grouped(n) + " connections served at once ("
                            + Experiments.THREAD_POOL_STAND_IN + ")"),
                    j.verdict() == Verdict.HOLDS ? Rules.byConstruction(true, what + ", so hundreds because the pool was sized so; "
                            + "platform threads themselves reached " + platform)
                            : new Judgement(j.verdict(), what + ": " + j.why() + "; platform threads themselves reached " + platform));
        });
        s.analogue("a platform thread for an OS thread, a virtual thread for a goroutine");
        s.claim("concurrency scale of goroutines", "hundreds of thousands (100,000–1,000,000)", () -> {
            Measured m = reached(e, VIRTUAL);
            return Assessment.of(m, Rules.within(HUNDRED_THOUSAND, MILLION, m, "100k–1M (hundreds of thousands)"));
        });
        s.claim("10,000 sleeping workers take only tens of MB", "tens of MB (10–100 MiB)", () -> {
            Measured m = e.sleeper(new SleeperVariant(VIRTUAL, TEN_THOUSAND, true), SleeperMetric.RSS_GROWTH);
            return Assessment.of(m.shown(m.text() + " RSS growth (virtual)"), Rules.within(TEN_MIB, HUNDRED_MIB, m, "10–100 MiB (tens of MB)"));
        });
        s.claim("starting a goroutine is lightweight (the code's comment)", "platform start dearer than goroutine start", () -> {
            Measured p = e.jmh(Experiments.THREAD_START, "ThreadStart.platformBatch", null);
            Measured v = e.jmh(Experiments.THREAD_START, "ThreadStart.virtualBatch", null);
            Measured m = p.over(v);
            return Assessment.of(m, Rules.higher(m));
        });
        s.note(() -> "Sizes: (peak RSS while the workers live − RSS before the first start) ÷ the most workers alive at once, "
                + "10,000 workers started all at once (each waits until all have started, then sleeps 100 ms), a fresh JVM per run. "
                + "A platform thread's 1 MiB stack is reserved address space; only touched pages count.");
        s.note(() -> "Concurrency scale: the most workers alive at once in any run of that kind. It is what this machine reached "
                + "within the sleepers' start budget and safety cap, not a hard limit.");
        s.note(() -> {
            Measured p = e.jmh(Experiments.THREAD_START, "ThreadStart.platformBatch", null);
            Measured v = e.jmh(Experiments.THREAD_START, "ThreadStart.virtualBatch", null);
            Measured p1 = e.jmh(Experiments.THREAD_START, "ThreadStart.platform", null);
            Measured v1 = e.jmh(Experiments.THREAD_START, "ThreadStart.virtual", null);
            return "Start cost per thread in a batch of 100: platform " + p.text() + ", virtual " + v.text()
                    + "; one start-and-join at a time: platform " + p1.text() + ", virtual " + v1.text() + " (jmh-thread-start.json).";
        });
        s.details("Sleepers runs (sleepers.json)", () -> sleepersTable(e));
    }

    static ChapterTable t10() {
        return ChapterTable.of("T10", List.of(Experiments.SWITCH, Experiments.SWITCH_PINNED, Experiments.SLEEPERS),
                ThreadTables::judgeT10);
    }

    private static void judgeT10(Evidence e, Sheet s) {
        s.analogue("two platform threads handing a token on one CPU for lmbench's lat_ctx, two virtual threads on one carrier for "
                + "a coroutine switch");
        s.cell(0, 1, () -> platformSwitch(e));
        s.cell(1, 1, () -> virtualSwitch(e));
        s.cell(0, 2, () -> perWorker(e, PLATFORM));
        s.cell(1, 2, () -> perWorker(e, VIRTUAL));
        s.cell(0, 3, () -> reached(e, PLATFORM));
        s.cell(1, 3, () -> reached(e, VIRTUAL));

        String threadSwitch = ChapterText.number(THREAD_SWITCH_MICROS) + " µs";
        String coroutineSwitch = ChapterText.number(COROUTINE_SWITCH_NANOS) + " ns";
        s.claim("a thread context switch takes ~" + threadSwitch, "~" + threadSwitch, () -> {
            Measured m = platformSwitch(e);
            return Assessment.of(m, Rules.absolute(THREAD_SWITCH_NANOS, m));
        });
        s.claim("a coroutine switch takes ~" + coroutineSwitch, "~" + coroutineSwitch, () -> {
            Measured m = virtualSwitch(e);
            return Assessment.of(m, Rules.absolute(COROUTINE_SWITCH_NANOS, m));
        });
        s.claim("thread switch ÷ coroutine switch", threadSwitch + " ÷ " + coroutineSwitch + " = "
                + Units.times(THREAD_SWITCH_NANOS / COROUTINE_SWITCH_NANOS), () -> {
            Measured m = platformSwitch(e).over(virtualSwitch(e));
            return Assessment.of(m, Rules.ratio(THREAD_SWITCH_NANOS / COROUTINE_SWITCH_NANOS, m));
        });
        s.claim("resource use: thread high, coroutine very low", "high vs very low", () -> {
            Measured m = perWorker(e, PLATFORM).over(perWorker(e, VIRTUAL));
            return Assessment.of(m, Rules.higher(m));
        });
        s.claim("concurrency limit of threads", "thousands (1,000–10,000)", () -> {
            Measured m = reached(e, PLATFORM);
            return Assessment.of(m, Rules.within(THOUSAND, TEN_THOUSAND_D, m, "1,000–10,000 (thousands)"));
        });
        s.claim("concurrency limit of coroutines", "hundreds of thousands (100,000–1,000,000)", () -> {
            Measured m = reached(e, VIRTUAL);
            return Assessment.of(m, Rules.within(HUNDRED_THOUSAND, MILLION, m, "100k–1M (hundreds of thousands)"));
        });
        s.note(() -> "Thread switch: two platform threads hand a token back and forth with park/unpark, the whole JMH run under "
                + "`taskset -c 0`, so each handoff is a same-CPU switch as lmbench's lat_ctx measures it. Unpinned, the same handoff "
                + "takes " + e.jmh(Experiments.SWITCH, "ContextSwitch.pingPong", null, "handoff=parkUnpark", "threads=platform").text()
                + " (a wake-up on the other CPU).");
        s.note(() -> "Coroutine switch: two virtual threads on one carrier (-Djdk.virtualThreadScheduler.parallelism=1): an unmount "
                + "and a mount on the same OS thread, the goroutine-like case. With the default one carrier per core the handoff takes "
                + e.jmh(Experiments.SWITCH, "ContextSwitch.pingPong", null, "handoff=parkUnpark", "threads=virtual").text()
                + "; park/unpark on one thread with no switch at all takes "
                + e.jmh(Experiments.SWITCH, "ContextSwitch.sameThread", null).text() + ".");
        s.note(() -> "Resource use and limits come from the sleepers runs (see T2): memory per live worker, and the most workers "
                + "alive at once within the start budget and safety cap.");
    }

    // ---- figures shared by T1, T2, T10 -------------------------------------------------------------

    /** Two platform threads on CPU 0: a same-CPU kernel switch per handoff. */
    static Measured platformSwitch(Evidence e) {
        return e.jmh(Experiments.SWITCH_PINNED, "ContextSwitch.pingPong", null, "handoff=parkUnpark", "threads=platform");
    }

    /** Two virtual threads on one carrier: a user-space switch per handoff. */
    static Measured virtualSwitch(Evidence e) {
        return e.jmh(Experiments.SWITCH, "ContextSwitch.pingPongOneCarrier", null, "handoff=parkUnpark");
    }

    private static Measured perWorker(Evidence e, String kind) {
        return e.sleeper(new SleeperVariant(kind, TEN_THOUSAND, true), SleeperMetric.PER_WORKER);
    }

    private static Measured perConnection(Evidence e, String model, int n) {
        Measured m = e.run(Experiments.MEMORY, model, "memory", n, RunMetric.RSS_PER_CONNECTION);
        return m.shown(m.text() + " RSS per connection (" + model + ")");
    }

    private static Measured threadsAt(Evidence e, String model, int n) {
        Measured m = e.run(Experiments.MEMORY, model, "memory", n, RunMetric.THREADS_LOADED);
        return m.shown(m.text() + " OS threads at " + Units.grouped(n) + " connections");
    }

    /** "24,380 alive at once (…)", or why not. */
    private static String platformReach(Evidence e) {
        try {
            return reached(e, PLATFORM).text() + " in the sleepers runs";
        } catch (NotMeasured nm) {
            return "an unknown count (" + nm.getMessage() + ")";
        }
    }

    /** The most workers of a kind alive at once in any successful sleepers run. */
    static Measured reached(Evidence e, String kind) {
        Measured best = null;
        String outcome = "";
        String failures = "";
        for (SleeperVariant v : e.sleeperVariants()) {
            if (!v.kind().equals(kind)) {
                continue;
            }
            try {
                Measured m = e.sleeper(v, SleeperMetric.PEAK_LIVE);
                if (best == null || m.value() > best.value()) {
                    best = m;
                    outcome = e.sleeper(v).path("outcome").asText("");
                }
            } catch (NotMeasured nm) {
                failures = nm.getMessage();
            }
        }
        if (best == null) {
            throw new NotMeasured(failures.isEmpty() ? "no " + kind + " sleepers run" : failures);
        }
        String how = outcome.equals("ok") ? "every worker asked for started" : "its start stopped early: " + brief(outcome);
        return best.shown(best.text() + " alive at once (" + how + ")");
    }

    /** "failed: 24380 platform threads alive reached the safety cap 24380 (3/4 of …)" → the part before the parenthesis. */
    static String brief(String outcome) {
        String s = outcome.startsWith("failed: ") ? outcome.substring("failed: ".length()) : outcome;
        int paren = s.indexOf(" (");
        return paren < 0 ? s : s.substring(0, paren);
    }

    private static String sleepersTable(Evidence e) {
        List<SleeperMetric> columns = List.of(SleeperMetric.STARTED, SleeperMetric.PEAK_LIVE, SleeperMetric.START_ALL,
                SleeperMetric.RSS_GROWTH, SleeperMetric.PER_WORKER, SleeperMetric.PEAK_RSS, SleeperMetric.HEAP_GROWTH);
        MdTable t = MdTable.compact("run", "outcome", ">started", ">peak alive", ">time to start all", ">RSS growth", ">per live worker",
                ">peak RSS", ">heap growth");
        for (SleeperVariant v : e.sleeperVariants()) {
            List<String> cells = new ArrayList<>(List.of(v.label()));
            try {
                cells.add(e.sleeper(v).path("outcome").asText());
                for (SleeperMetric m : columns) {
                    cells.add(e.sleeper(v, m).text().replace(" per live worker", ""));
                }
            } catch (NotMeasured nm) {
                cells.add(Sheet.NOT_MEASURED + nm.getMessage());
                while (cells.size() < t.columns()) {
                    cells.add("");
                }
            }
            t.row(cells);
        }
        return t.render();
    }
}
