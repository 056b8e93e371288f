package io.concbench.reproduce;

import io.concbench.micro.hazards.Hazards;
import io.concbench.report.Units;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * T5, T7, T8, T9 and T12: what microbenchmarks and the T7 demonstration (io.concbench.micro.hazards) measure —
 * executors, concurrency hazards, synchronisation primitives, middleware composition.
 */
final class BenchTables {

    /** T5's rows: the chapter's algorithm, our executor, its mean latency (µs) and throughput (tasks/s). */
    static final String[] T5_ALGORITHMS = ChapterText.table("T5").rows().stream().map(r -> r.get(0)).toArray(String[]::new);
    static final String[] T5_EXECUTORS = {"forkJoin", "fifo", "edf"};
    static final double[] T5_LATENCY_MICROS = ChapterText.claims("T5", "meanLatencyMicros");
    static final double[] T5_THROUGHPUT = ChapterText.claims("T5", "throughputTasksPerSecond");
    static final String T5_WORKLOAD = "workload=mixed";
    /** A thread that got less than half an equal share of the lock was starved. */
    static final double STARVED_SHARE = 0.5;
    /** T8 and T9 are judged contended: two threads, the cores of the machine the project targets. */
    static final String CONTENDED = "SyncPrimitives.TwoThreads.";
    static final String UNCONTENDED = "SyncPrimitives.OneThread.";
    /** T12: the chapter's chain has three middlewares. */
    static final String CHAIN_K = "k=3";
    static final double T12_DYNAMIC_MICROS = ChapterText.claim("T12", "dynamicMeanMicros");
    static final double T12_STATIC_MICROS = ChapterText.claim("T12", "staticMeanMicros");
    static final double T12_DYNAMIC_QPS = ChapterText.claim("T12", "dynamicQps");
    static final double T12_STATIC_QPS = ChapterText.claim("T12", "staticQps");
    static final double NANOS_PER_MICRO = 1e3;
    static final double NANOS_PER_SECOND = 1e9;
    private static final String ALLOC = "gc.alloc.rate.norm";

    private BenchTables() {}

    // ---- T5 -----------------------------------------------------------------------------------------

    static ChapterTable t5() {
        return ChapterTable.of("T5", List.of(Experiments.SCHEDULER), BenchTables::judgeT5);
    }

    private static void judgeT5(Evidence e, Sheet s) {
        s.analogue("Java executors stand for Linux's CFS, SCHED_FIFO and SCHED_DEADLINE (ForkJoinPool, a FIFO ThreadPoolExecutor, "
                + "an earliest-deadline-first queue); the kernel's classes are not timed");
        for (int i = 0; i < T5_EXECUTORS.length; i++) {
            String ex = T5_EXECUTORS[i];
            s.cell(i, 1, () -> latency(e, ex));
            s.cell(i, 2, () -> throughput(e, ex));
            s.cell(i, 3, () -> switches(e, ex));
        }
        for (int i = 1; i < T5_EXECUTORS.length; i++) {
            int row = i;
            s.claim(T5_ALGORITHMS[i] + " mean latency ÷ " + T5_ALGORITHMS[0], Units.sig3(T5_LATENCY_MICROS[i]) + " ÷ " + Units.sig3(T5_LATENCY_MICROS[0])
                    + " µs = " + Units.times(T5_LATENCY_MICROS[i] / T5_LATENCY_MICROS[0]), () -> {
                        Measured m = latency(e, T5_EXECUTORS[row]).over(latency(e, T5_EXECUTORS[0]));
                        return Assessment.of(m, Rules.ratio(T5_LATENCY_MICROS[row] / T5_LATENCY_MICROS[0], m));
                    });
        }
        for (int i = 1; i < T5_EXECUTORS.length; i++) {
            int row = i;
            s.claim(T5_ALGORITHMS[i] + " throughput ÷ " + T5_ALGORITHMS[0], Units.grouped((long) T5_THROUGHPUT[i]) + " ÷ "
                    + Units.grouped((long) T5_THROUGHPUT[0]) + " = " + Units.times(T5_THROUGHPUT[i] / T5_THROUGHPUT[0]), () -> {
                        Measured m = throughput(e, T5_EXECUTORS[row]).over(throughput(e, T5_EXECUTORS[0]));
                        return Assessment.of(m, Rules.ratio(T5_THROUGHPUT[row] / T5_THROUGHPUT[0], m));
                    });
        }
        s.analogue("Java executors stand for the kernel's scheduling classes, and the claim is about a switch's cost while "
                + "this counts switches (getrusage per 1,000 tasks): a switch count is not a switch cost");
        s.claim("context switches: FIFO (high) above CFS (medium)", "high vs medium", () -> {
            Measured m = switches(e, "fifo").over(switches(e, "forkJoin"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.claim("context switches: CFS (medium) above Deadline (low)", "medium vs low", () -> {
            Measured m = switches(e, "forkJoin").over(switches(e, "edf"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.notMeasurable("the absolute latencies (" + printed(T5_LATENCY_MICROS) + " µs) and throughputs (" + printed(T5_THROUGHPUT)
                + " tasks/s)", "as printed",
                "they time the kernel's scheduling classes, and SCHED_FIFO and SCHED_DEADLINE need root (CAP_SYS_NICE) and a "
                        + "real-time-capable kernel this shared machine does not grant; the Java stand-in times executors on bursts of 1,000 tasks, whose "
                        + "latency is mostly queueing and grows with the burst, so only the orderings compare (our values are in the "
                        + "table above)");
        s.note(() -> "Stand-ins: CFS ≈ ForkJoinPool (work-stealing, no strict order), FIFO ≈ ThreadPoolExecutor over a FIFO queue, "
                + "Deadline ≈ ThreadPoolExecutor over an earliest-deadline-first priority queue; one thread per core. Stream \"mixed\": "
                + "10 % urgent, 70 % normal, 20 % bulk tasks (io.concbench.micro.scheduler). Latency is submit-to-start; context "
                + "switches are voluntary + nonvoluntary of the whole benchmark JVM per 1,000 tasks (SchedulerProfiler).");
        s.note(() -> "Deadline misses per 1,000 tasks, the point of EDF: forkJoin " + misses(e, "forkJoin").text() + ", fifo "
                + misses(e, "fifo").text() + ", edf " + misses(e, "edf").text() + ".");
        s.note(() -> "A virtual thread per task (not in the chapter): " + latency(e, "virtual").text() + " mean latency, "
                + throughput(e, "virtual").text() + ", " + switches(e, "virtual").text() + ".");
    }

    /** "85, 45, 30": the chapter's figures as it prints them. */
    private static String printed(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(ChapterText::number).toList());
    }

    private static Measured latency(Evidence e, String executor) {
        return e.jmh(Experiments.SCHEDULER, "Scheduler.executor", "submitToStart.mean", "executor=" + executor, T5_WORKLOAD);
    }

    private static Measured throughput(Evidence e, String executor) {
        Measured m = e.jmh(Experiments.SCHEDULER, "Scheduler.executor", null, "executor=" + executor, T5_WORKLOAD);
        return m.shown(Units.count(m.value()) + " tasks/s");
    }

    private static Measured misses(Evidence e, String executor) {
        return e.jmh(Experiments.SCHEDULER, "Scheduler.executor", "deadlineMisses", "executor=" + executor, T5_WORKLOAD);
    }

    private static Measured switches(Evidence e, String executor) {
        Measured v = e.jmh(Experiments.SCHEDULER, "Scheduler.executor", "switches.voluntary", "executor=" + executor, T5_WORKLOAD);
        Measured n = e.jmh(Experiments.SCHEDULER, "Scheduler.executor", "switches.nonvoluntary", "executor=" + executor, T5_WORKLOAD);
        double sum = v.value() + n.value();
        return new Measured(sum, Units.sig3(sum) + " switches per 1k tasks", Measured.joinSources(v.source(), n.source()));
    }

    // ---- T7 -----------------------------------------------------------------------------------------

    static ChapterTable t7() {
        return ChapterTable.of("T7", List.of(Experiments.HAZARDS), BenchTables::judgeT7);
    }

    private static final String HAZARDS_FILE = Experiments.HAZARDS + ".json";

    private static void judgeT7(Evidence e, Sheet s) {
        s.cell(0, 1, () -> lost(e));
        s.cell(0, 2, () -> remediesLost(e));
        s.cell(1, 1, () -> stuck(e));
        s.cell(1, 2, () -> ordered(e));
        s.cell(2, 1, () -> share(e, false));
        s.cell(2, 2, () -> share(e, true));

        s.claim("data race: unsynchronised writers lose updates; a mutex or an atomic prevents it", "lost updates vs none", () -> {
            Hazards.Race r = e.hazards().race();
            Hazards.Count racy = r.counts().get(0);
            boolean cured = r.counts().stream().filter(Hazards.Count::synchronised).allMatch(c -> c.lost() == 0);
            Measured lost = lost(e);
            Measured remedies = remediesLost(e);
            return new Assessment(lost.text() + "; " + remedies.text(),
                    Rules.demonstration(racy.lost() > 0 ? Rules.Shown.FULLY : Rules.Shown.NOT, cured,
                            Units.grouped(racy.lost()) + " lost without synchronisation, "
                                    + (cured ? "none" : "some") + " with the remedies"),
                    HAZARDS_FILE + " → race.counts[].lost");
        });
        s.claim("deadlock: a circular wait deadlocks; a fixed lock order prevents it", "deadlock vs completes", () -> {
            Hazards.Deadlock d = e.hazards().deadlock();
            boolean shown = d.stuck() && d.deadlockedThreads().size() == 2;
            return new Assessment(stuck(e).text() + "; " + ordered(e).text(),
                    Rules.demonstration(shown ? Rules.Shown.FULLY : Rules.Shown.NOT, d.orderedCompleted(),
                            (shown ? "the crossed threads deadlocked and were named by ThreadMXBean" : "no deadlock formed")
                                    + "; the fixed order " + (d.orderedCompleted() ? "completed" : "did not complete")),
                    HAZARDS_FILE + " → deadlock");
        });
        s.claim("starvation: under an unfair lock a thread never gets it; a fair lock prevents it", "starved vs served", () -> {
            Hazards.Starvation st = e.hazards().starvation();
            Hazards.Share unfair = st.unfair();
            Hazards.Share fair = st.fair();
            boolean starved = unfair.leastShareOfEqual() < STARVED_SHARE;
            boolean longerWaits = unfair.worstWaitMillis() >= Rules.NOISE_FACTOR * fair.worstWaitMillis();
            Rules.Shown shown = starved ? Rules.Shown.FULLY : longerWaits ? Rules.Shown.PARTLY : Rules.Shown.NOT;
            boolean cures = fair.leastShareOfEqual() >= STARVED_SHARE && fair.worstWaitMillis() * Rules.NOISE_FACTOR <= unfair.worstWaitMillis();
            long leastUnfair = unfair.acquisitions().stream().mapToLong(Long::longValue).min().orElse(0);
            String what = "unfair: least-served thread " + Units.percentWithSign(unfair.leastShareOfEqual() * 100) + " of an equal share, "
                    + "longest wait " + Units.millis(unfair.worstWaitMillis()) + "; fair: " + Units.percentWithSign(fair.leastShareOfEqual() * 100)
                    + ", " + Units.millis(fair.worstWaitMillis())
                    + (leastUnfair > 0 ? "; no thread went without the lock (least-served: " + Units.grouped(leastUnfair) + " times)" : "");
            return new Assessment(share(e, false).text() + "; " + share(e, true).text(), Rules.demonstration(shown, cures, what),
                    HAZARDS_FILE + " → starvation");
        });
        s.note(() -> {
            Hazards.Race r = e.hazards().race();
            List<String> costs = new ArrayList<>();
            for (Hazards.Count c : r.counts()) {
                costs.add(c.counter() + " " + Units.nanos(c.nanosPerIncrement()));
            }
            return r.threads() + " platform threads × " + Units.grouped(r.incrementsPerThread()) + " increments each (more threads "
                    + "than cores, so the scheduler preempts). Wall time per increment: " + String.join("; ", costs) + ".";
        });
        s.note(() -> {
            Hazards.Deadlock d = e.hazards().deadlock();
            return "Deadlock: each thread takes its first lock, both meet at a barrier, then each asks for the other's lock with "
                    + "lockInterruptibly. After " + Units.grouped(d.timeoutMillis()) + " ms without progress "
                    + "ThreadMXBean.findDeadlockedThreads() named " + (d.deadlockedThreads().isEmpty() ? "no thread"
                    : String.join(" and ", d.deadlockedThreads())) + "; an interrupt " + (d.released() ? "released both" : "did not release them")
                    + ". The demonstration cannot hang.";
        });
        s.note(() -> {
            Hazards.Starvation st = e.hazards().starvation();
            return "Starvation: " + st.threads() + " threads take the lock, do a short critical section, release it and ask again "
                    + "at once, for " + Units.grouped(st.millisPerLock()) + " ms per lock. Acquisitions per thread: unfair "
                    + st.unfair().acquisitions().stream().map(Units::grouped).toList() + ", fair "
                    + st.fair().acquisitions().stream().map(Units::grouped).toList() + ": the fair lock's order costs "
                    + Units.times((double) total(st.unfair()) / Math.max(1, total(st.fair()))) + " fewer acquisitions, since "
                    + "every handoff must wake the next thread in line. A thread counts as starved below "
                    + Units.percentWithSign(STARVED_SHARE * 100) + " of an equal share.";
        });
    }

    private static long total(Hazards.Share s) {
        return s.acquisitions().stream().mapToLong(Long::longValue).sum();
    }

    private static Measured lost(Evidence e) {
        Hazards.Race r = e.hazards().race();
        Hazards.Count racy = r.counts().get(0);
        return new Measured(racy.lost(), Units.grouped(racy.lost()) + " of " + Units.grouped(r.expected()) + " increments lost ("
                + racy.counter() + ")", HAZARDS_FILE + " → race.counts[0].lost");
    }

    private static Measured remediesLost(Evidence e) {
        Hazards.Race r = e.hazards().race();
        List<Hazards.Count> remedies = r.counts().stream().filter(Hazards.Count::synchronised).toList();
        long lost = remedies.stream().mapToLong(Hazards.Count::lost).sum();
        List<String> parts = remedies.stream().map(c -> c.counter().replaceAll(":.*", "").replaceAll(" \\(.*", "")
                + " " + Units.grouped(c.lost())).toList();
        return new Measured(lost, "lost: " + String.join(", ", parts), HAZARDS_FILE + " → race.counts[1..].lost");
    }

    private static Measured stuck(Evidence e) {
        Hazards.Deadlock d = e.hazards().deadlock();
        return new Measured(d.stuck() ? 1 : 0, d.stuck()
                ? "both crossed threads stuck after " + Units.grouped(d.timeoutMillis()) + " ms, "
                        + d.deadlockedThreads().size() + " named by ThreadMXBean, " + (d.released() ? "freed by interrupt" : "not freed")
                : "no deadlock within " + Units.grouped(d.timeoutMillis()) + " ms", HAZARDS_FILE + " → deadlock.stuck, deadlockedThreads");
    }

    private static Measured ordered(Evidence e) {
        Hazards.Deadlock d = e.hazards().deadlock();
        return new Measured(d.orderedCompleted() ? 1 : 0, (d.orderedCompleted() ? "2 threads × " + Units.grouped(d.orderedRounds())
                + " rounds completed in " + Units.millis(d.orderedMillis()) : "the fixed-order rounds did not complete"),
                HAZARDS_FILE + " → deadlock.orderedCompleted, orderedMillis");
    }

    private static Measured share(Evidence e, boolean fair) {
        Hazards.Starvation st = e.hazards().starvation();
        Hazards.Share s = fair ? st.fair() : st.unfair();
        return new Measured(s.leastShareOfEqual(), (fair ? "fair" : "unfair") + " lock: least-served thread "
                + Units.percentWithSign(s.leastShareOfEqual() * 100) + " of an equal share, longest wait "
                + Units.millis(s.worstWaitMillis()), HAZARDS_FILE + " → starvation." + (fair ? "fair" : "unfair"));
    }

    // ---- T8 -----------------------------------------------------------------------------------------

    static ChapterTable t8() {
        return ChapterTable.of("T8", List.of(Experiments.SYNC, Experiments.HAZARDS), BenchTables::judgeT8);
    }

    private static void judgeT8(Evidence e, Sheet s) {
        s.analogue("AtomicLong for Go's atomic package, ReentrantLock for sync.Mutex, ArrayBlockingQueue put+take for a channel");
        s.cell(0, 1, () -> lostWith(e, "AtomicLong"));
        s.cell(1, 1, () -> lostWith(e, "synchronized", "ReentrantLock"));
        s.cell(2, 1, () -> lostWith(e, "channel"));
        s.cell(0, 2, () -> sync(e, CONTENDED, "atomicLong", "AtomicLong.incrementAndGet"));
        s.cell(1, 2, () -> {
            Measured lock = sync(e, CONTENDED, "reentrantLock", "ReentrantLock");
            Measured mon = sync(e, CONTENDED, "synchronizedCounter", "synchronized");
            return new Measured(lock.value(), lock.text() + ", " + mon.text(), Measured.joinSources(lock.source(), mon.source()));
        });
        s.cell(2, 2, () -> sync(e, CONTENDED, "arrayBlockingQueue", "ArrayBlockingQueue put+take"));

        s.claim("atomic operations, mutexes and channels are all safe", "yes, yes, yes", () -> {
            Measured m = lostWith(e, "AtomicLong", "synchronized", "ReentrantLock", "channel");
            return Assessment.of(m, Rules.observed(m.value() == 0, m.value() == 0
                    ? "no update lost through any of them in the T7 race" : "a remedy lost updates"));
        });
        s.claim("overhead: a mutex (medium) costs more than an atomic (very low)", "medium vs very low", () -> {
            Measured m = sync(e, CONTENDED, "reentrantLock", "ReentrantLock").over(sync(e, CONTENDED, "atomicLong", "AtomicLong"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.claim("overhead: a channel (higher) costs more than a mutex (medium)", "higher vs medium", () -> {
            Measured m = sync(e, CONTENDED, "arrayBlockingQueue", "ArrayBlockingQueue").over(sync(e, CONTENDED, "reentrantLock", "ReentrantLock"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.notAClaim("what each fits", "counters / shared state / communication", "advice, not a measurement");
        s.note(() -> "Overheads are ns per operation with 2 threads on one shared counter (JMH SyncPrimitives.TwoThreads, contended); "
                + "the channel is one put and one take on a shared bounded queue by the same thread, so it prices the channel's "
                + "synchronisation, not a handoff. One thread, uncontended: AtomicLong "
                + sync(e, UNCONTENDED, "atomicLong", "").text().trim() + ", ReentrantLock "
                + sync(e, UNCONTENDED, "reentrantLock", "").text().trim() + ", synchronized "
                + sync(e, UNCONTENDED, "synchronizedCounter", "").text().trim() + ", ArrayBlockingQueue "
                + sync(e, UNCONTENDED, "arrayBlockingQueue", "").text().trim() + ", LinkedTransferQueue "
                + sync(e, UNCONTENDED, "linkedTransferQueue", "").text().trim() + ".");
        s.note(() -> "Safety comes from T7's race (" + HAZARDS_FILE + "): the same increments through each mechanism, counted.");
    }

    private static Measured sync(Evidence e, String threads, String method, String label) {
        Measured m = e.jmh(Experiments.SYNC, threads + method, null);
        return m.shown(m.text() + (label.isEmpty() ? "" : " (" + label + ")"));
    }

    /** Updates lost by the T7 remedies whose counter name starts with one of {@code prefixes}. */
    private static Measured lostWith(Evidence e, String... prefixes) {
        Hazards.Race r = e.hazards().race();
        long lost = 0;
        List<String> parts = new ArrayList<>();
        for (Hazards.Count c : r.counts()) {
            for (String p : prefixes) {
                if (c.synchronised() && c.counter().startsWith(p)) {
                    lost += c.lost();
                    parts.add(p);
                }
            }
        }
        if (parts.isEmpty()) {
            throw new NotMeasured(HAZARDS_FILE + " has no " + String.join("/", prefixes) + " counter");
        }
        return new Measured(lost, Units.grouped(lost) + " of " + Units.grouped(r.expected()) + " updates lost ("
                + String.join(", ", parts) + ")", HAZARDS_FILE + " → race.counts[].lost");
    }

    // ---- T9 -----------------------------------------------------------------------------------------

    static ChapterTable t9() {
        return ChapterTable.of("T9", List.of(Experiments.SYNC), BenchTables::judgeT9);
    }

    private static void judgeT9(Evidence e, Sheet s) {
        s.cell(0, 2, () -> {
            Measured inc = sync(e, CONTENDED, "atomicLong", "increment");
            Measured get = sync(e, CONTENDED, "atomicLongGet", "read");
            return new Measured(inc.value(), inc.text() + ", " + get.text(), Measured.joinSources(inc.source(), get.source()));
        });
        s.cell(1, 2, () -> sync(e, CONTENDED, "immutableRecordRead", "record read through a final field"));
        s.claim("an atomic counter (low) costs more than read-only sharing (very low)", "low vs very low", () -> {
            Measured m = sync(e, CONTENDED, "atomicLong", "AtomicLong increment").over(sync(e, CONTENDED, "immutableRecordRead", "read-only"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.claim("an atomic flag read (low) costs more than read-only sharing (very low)", "low vs very low", () -> {
            Measured m = sync(e, CONTENDED, "atomicLongGet", "AtomicLong.get").over(sync(e, CONTENDED, "immutableRecordRead", "read-only"));
            return Assessment.of(m, Rules.higher(m));
        });
        s.notAClaim("atomics need synchronisation, read-only sharing does not", "yes vs no",
                "a property of the code (who may write), not a cost to time");
        s.note(() -> "2 threads share one AtomicLong or one immutable record (JMH SyncPrimitives.TwoThreads). An atomic read is a "
                + "volatile load, on x86 an ordinary load; the cost of atomics is in writes. One thread: increment "
                + sync(e, UNCONTENDED, "atomicLong", "").text().trim() + ", read " + sync(e, UNCONTENDED, "atomicLongGet", "").text().trim()
                + ", record read " + sync(e, UNCONTENDED, "immutableRecordRead", "").text().trim() + ", unshared counter "
                + sync(e, UNCONTENDED, "unshared", "").text().trim() + ".");
    }

    // ---- T12 ----------------------------------------------------------------------------------------

    static ChapterTable t12() {
        return ChapterTable.of("T12", List.of(Experiments.CHAIN, Experiments.T12_END_TO_END), BenchTables::judgeT12);
    }

    private static final String END_TO_END_ANALOGUE = "the project's App served by a virtual thread per connection behind "
            + "serve's 3-middleware chain and driven by load over loopback (" + Experiments.T12_CONNECTIONS + " connections, "
            + "rounds alternating which chain runs first) for a Gin server; one interval bound per round";

    private static void judgeT12(Evidence e, Sheet s) {
        s.cell(0, 1, () -> endToEndOrChain(e, false, Evidence.EndToEndMetric.MEAN_LATENCY));
        s.cell(1, 1, () -> endToEndOrChain(e, true, Evidence.EndToEndMetric.MEAN_LATENCY));
        s.cell(0, 2, () -> endToEndOrChain(e, false, Evidence.EndToEndMetric.QPS));
        s.cell(1, 2, () -> endToEndOrChain(e, true, Evidence.EndToEndMetric.QPS));
        s.cell(0, 3, () -> alloc(e, "dynamic"));
        s.cell(1, 3, () -> alloc(e, "static"));

        String dynamicMicros = ChapterText.number(T12_DYNAMIC_MICROS);
        String staticMicros = ChapterText.number(T12_STATIC_MICROS);
        String dynamicQps = ChapterText.number(T12_DYNAMIC_QPS);
        String staticQps = ChapterText.number(T12_STATIC_QPS);
        s.analogue(END_TO_END_ANALOGUE);
        s.claim("dynamic ÷ static mean latency", dynamicMicros + " ÷ " + staticMicros + " µs = "
                + Units.times(T12_DYNAMIC_MICROS / T12_STATIC_MICROS), () -> {
            Measured m = dynamicOverStaticLatency(e);
            return Assessment.of(m, Rules.ratio(T12_DYNAMIC_MICROS / T12_STATIC_MICROS, m));
        });
        s.claim("static ÷ dynamic throughput", staticQps + " ÷ " + dynamicQps + " QPS = " + Units.times(T12_STATIC_QPS / T12_DYNAMIC_QPS), () -> {
            Measured m = Measured.fold(e.t12Ratios(Evidence.EndToEndMetric.QPS), Measured::times);
            return Assessment.of(m.shown("static ÷ dynamic req/s per round: " + m.text()),
                    Rules.ratio(T12_STATIC_QPS / T12_DYNAMIC_QPS, m));
        });
        s.analogue("the Java middleware chain timed alone by JMH (no socket, no HTTP) for Gin's composition");
        s.claim("the composition alone costs the latency gap", dynamicMicros + " − " + staticMicros + " = "
                + ChapterText.number(T12_DYNAMIC_MICROS - T12_STATIC_MICROS) + " µs per request", () -> {
            Measured d = chain(e, "dynamic");
            Measured st = chain(e, "static");
            double gap = d.value() - st.value();
            String text = Units.nanos(gap) + " (" + d.text() + " − " + st.text() + ")";
            String source = Measured.joinSources(d.source(), st.source());
            if (gap <= 0) {
                return new Assessment(text, new Judgement(Verdict.DOES_NOT_HOLD, "the static chain was not faster"), source);
            }
            return new Assessment(text, Rules.absolute((T12_DYNAMIC_MICROS - T12_STATIC_MICROS) * NANOS_PER_MICRO, gap), source);
        });
        s.claim("memory: the dynamic chain allocates more than the static one", "high vs low", () -> {
            Measured d = alloc(e, "dynamic");
            Measured st = alloc(e, "static");
            if (st.value() == 0) {
                return new Assessment(d.text() + " vs " + st.text(), Rules.observed(d.value() > 0,
                        d.value() > 0 ? "the static chain allocates nothing" : "neither allocates"), Measured.joinSources(d.source(), st.source()));
            }
            Measured m = d.over(st);
            return Assessment.of(m, Rules.higher(m));
        });
        s.analogue(END_TO_END_ANALOGUE);
        s.claim("the absolute latencies and throughputs (" + dynamicMicros + " / " + staticMicros + " µs, " + dynamicQps + " / "
                + staticQps + " QPS)", "as printed", () -> absoluteEndToEnd(e));
        s.note(() -> "The harness's App behind 3 middlewares (auth, counter, token-bucket limiter), one request parsed once, no socket "
                + "(JMH MiddlewareChain.chain, k=3): dynamic walks a registered list through a cursor allocated per request, as Gin's "
                + "c.Next(); static composed the handlers once at start. Throughput is one thread's: 10⁹ ÷ ns per request. Memory is "
                + "JMH's gc.alloc.rate.norm (bytes allocated per request).");
        s.note(() -> {
            Measured m = chain(e, "dynamic").over(chain(e, "static"));
            return "The chain alone (JMH, no socket): dynamic ÷ static = " + m.text() + ", against the whole requests' "
                    + dynamicOverStaticLatency(e).text() + " (claims 1 and 2 are judged on whole requests).";
        });
        s.note(() -> "No chain at all: " + e.jmh(Experiments.CHAIN, "MiddlewareChain.noChain", null).text() + " per request.");
        s.note(() -> {
            List<String> parts = new ArrayList<>();
            for (String k : List.of("1", "10")) {
                try {
                    parts.add("K=" + k + ": dynamic " + e.jmh(Experiments.CHAIN, "MiddlewareChain.chain", null, "chain=dynamic", "k=" + k).text()
                            + ", static " + e.jmh(Experiments.CHAIN, "MiddlewareChain.chain", null, "chain=static", "k=" + k).text());
                } catch (NotMeasured notRun) {
                    // a quick run measures only the chapter's K=3
                }
            }
            return parts.isEmpty() ? "Other chain lengths (K=1, K=10) are measured in a full run."
                    : "Other chain lengths: " + String.join("; ", parts) + ".";
        });
    }

    /** dynamic ÷ static mean latency per T12 round (the inverse of the rounds' static ÷ dynamic), folded. */
    private static Measured dynamicOverStaticLatency(Evidence e) {
        List<Measured> rounds = e.t12Ratios(Evidence.EndToEndMetric.MEAN_LATENCY).stream()
                .map(r -> r.inverse(Measured.times(1 / r.value()))).toList();
        Measured m = Measured.fold(rounds, Measured::times);
        return m.shown("dynamic ÷ static mean latency per round: " + m.text());
    }

    /** One chain's end-to-end figure over the T12 rounds: median, min–max. */
    private static Measured endToEnd(Evidence e, boolean staticChain, Evidence.EndToEndMetric metric) {
        List<Measured> each = e.t12Rounds().stream().map(r -> metric.of(staticChain ? r.staticChain() : r.dynamicChain())).toList();
        return Measured.fold(each, metric.format);
    }

    /** The end-to-end figure for a printed cell; a run without that experiment shows the chain alone instead. */
    private static Measured endToEndOrChain(Evidence e, boolean staticChain, Evidence.EndToEndMetric metric) {
        try {
            Measured m = endToEnd(e, staticChain, metric);
            return m.shown("end to end: " + m.text());
        } catch (NotMeasured.NotRun old) {
            return metric == Evidence.EndToEndMetric.QPS ? perThread(e, staticChain ? "static" : "dynamic")
                    : chain(e, staticChain ? "static" : "dynamic");
        }
    }

    /** T12 #5: the four printed figures, each on order of magnitude; holds only if all four do. */
    private static Assessment absoluteEndToEnd(Evidence e) {
        Measured dl = endToEnd(e, false, Evidence.EndToEndMetric.MEAN_LATENCY);
        Measured sl = endToEnd(e, true, Evidence.EndToEndMetric.MEAN_LATENCY);
        Measured dq = endToEnd(e, false, Evidence.EndToEndMetric.QPS);
        Measured sq = endToEnd(e, true, Evidence.EndToEndMetric.QPS);
        List<Judgement> js = List.of(Rules.absolute(T12_DYNAMIC_MICROS * NANOS_PER_MICRO, dl), Rules.absolute(T12_STATIC_MICROS * NANOS_PER_MICRO, sl),
                Rules.absolute(T12_DYNAMIC_QPS, dq), Rules.absolute(T12_STATIC_QPS, sq));
        List<String> names = List.of("dynamic latency", "static latency", "dynamic QPS", "static QPS");
        List<String> why = new ArrayList<>();
        for (int i = 0; i < js.size(); i++) {
            why.add(names.get(i) + ": " + js.get(i).verdict().label() + ", " + js.get(i).why());
        }
        Verdict v = js.stream().allMatch(j -> j.verdict() == Verdict.HOLDS) ? Verdict.HOLDS
                : js.stream().anyMatch(j -> j.verdict() == Verdict.DOES_NOT_HOLD) ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        return new Assessment("mean latency " + dl.text() + " / " + sl.text() + ", " + dq.text() + " / " + sq.text(),
                new Judgement(v, String.join("; ", why) + " (all four must hold)"),
                Measured.joinSources(dl.source(), dq.source()));
    }

    private static Measured chain(Evidence e, String kind) {
        Measured m = e.jmh(Experiments.CHAIN, "MiddlewareChain.chain", null, "chain=" + kind, CHAIN_K);
        return m.shown("chain alone: " + m.text() + " per request");
    }

    private static Measured perThread(Evidence e, String kind) {
        Measured ns = e.jmh(Experiments.CHAIN, "MiddlewareChain.chain", null, "chain=" + kind, CHAIN_K);
        double perSecond = NANOS_PER_SECOND / ns.value();
        return new Measured(perSecond, Units.count(perSecond) + " requests/s on one thread (chain alone)", ns.source() + ", as 10⁹ ÷ score");
    }

    private static Measured alloc(Evidence e, String kind) {
        Measured m = e.jmh(Experiments.CHAIN, "MiddlewareChain.chain", ALLOC, "chain=" + kind, CHAIN_K);
        return m.shown(m.text() + " allocated");
    }
}
