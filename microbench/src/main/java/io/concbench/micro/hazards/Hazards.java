package io.concbench.micro.hazards;

import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * The T7 demonstration, on platform daemon threads of a JVM of its own: the three problems of the
 * chapter's table, each beside its remedy. {@code concbench reproduce} runs {@link #main} in a
 * child JVM, as it runs the sleepers, and reads back the JSON file it writes ({@link Result}).
 *
 * <ul>
 *   <li>Data race: threads add to one counter; unsynchronised increments get lost, atomic,
 *       monitor, lock and channel increments do not.</li>
 *   <li>Deadlock: two threads take two locks in opposite orders, held at a barrier so the cycle
 *       always forms; a timeout notices that neither finishes, {@link ThreadMXBean} names the cycle,
 *       and an interrupt releases them. Never hangs. Then the same two threads take the locks in one
 *       fixed order, many times, and finish.</li>
 *   <li>Starvation: threads that release a lock and at once ask for it again, under an unfair and
 *       then a fair {@link ReentrantLock}: acquisitions per thread, and each thread's longest wait.</li>
 * </ul>
 * Measures only; reproduce's T7 table judges.
 *
 * <p>By hand: {@code java -cp microbench/target/benchmarks.jar io.concbench.micro.hazards.Hazards hazards.json}
 * (by default the sizes of {@link Settings#QUICK}; {@code --help} lists the options).
 */
@Command(name = "hazards", mixinStandardHelpOptions = true,
        description = "The T7 demonstration: lost updates, a lock-order deadlock, starvation under an unfair lock; "
                + "writes its figures as JSON to FILE.")
public final class Hazards implements Callable<Integer> {

    /**
     * How big the demonstration is; every default in {@link #QUICK} and {@link #FULL}.
     *
     * @param threads threads that race for the counter and for the starved lock
     * @param incrementsPerThread increments each racing thread makes
     * @param starvationMillis how long the threads fight for each lock
     * @param deadlockTimeoutMillis how long the crossed threads get before they count as deadlocked
     * @param orderedRounds lock-both rounds each thread makes under the fixed order
     */
    public record Settings(int threads, long incrementsPerThread, long starvationMillis, long deadlockTimeoutMillis,
                           long orderedRounds) {

        /** Twice this machine's two cores: the scheduler must preempt, which is when races and barging show. */
        public static final int THREADS = 4;
        public static final Settings QUICK = new Settings(THREADS, 200_000, 500, 1_000, 20_000);
        public static final Settings FULL = new Settings(THREADS, 1_000_000, 2_000, 2_000, 100_000);

        public Settings {
            if (threads < 2 || incrementsPerThread < 1 || starvationMillis < 1 || deadlockTimeoutMillis < 1 || orderedRounds < 1) {
                throw new IllegalArgumentException("hazard settings need at least 2 threads and positive sizes, got "
                        + threads + ", " + incrementsPerThread + ", " + starvationMillis + ", " + deadlockTimeoutMillis
                        + ", " + orderedRounds);
            }
        }

        /** The options of {@link Hazards#main} that ask for these sizes. */
        public List<String> args() {
            return List.of("--threads", Integer.toString(threads), "--increments-per-thread", Long.toString(incrementsPerThread),
                    "--starvation-ms", Long.toString(starvationMillis), "--deadlock-timeout-ms", Long.toString(deadlockTimeoutMillis),
                    "--ordered-rounds", Long.toString(orderedRounds));
        }
    }

    /** What the demonstration saw; written as hazards.json. */
    public record Result(Race race, Deadlock deadlock, Starvation starvation) {}

    /**
     * @param threads racing threads
     * @param incrementsPerThread increments each made
     * @param expected threads × increments: what a correct counter ends at
     * @param counts one per counter, the unsynchronised one first
     */
    public record Race(int threads, long incrementsPerThread, long expected, List<Count> counts) {}

    /**
     * @param counter how the counter was shared
     * @param synchronised whether it is one of the remedies
     * @param counted where it ended
     * @param lost expected − counted
     * @param nanosPerIncrement wall time of the whole race ÷ expected increments
     */
    public record Count(String counter, boolean synchronised, long counted, long lost, double nanosPerIncrement) {}

    /**
     * @param timeoutMillis how long the crossed threads got
     * @param stuck neither crossed thread finished within the timeout
     * @param deadlockedThreads the threads {@link ThreadMXBean#findDeadlockedThreads()} named
     * @param released both crossed threads ended after the interrupt
     * @param orderedRounds rounds each thread made in the fixed order
     * @param orderedCompleted both finished every round
     * @param orderedMillis how long the fixed-order rounds took
     */
    public record Deadlock(long timeoutMillis, boolean stuck, List<String> deadlockedThreads, boolean released,
                           long orderedRounds, boolean orderedCompleted, double orderedMillis) {}

    /** @param unfair under {@code new ReentrantLock(false)}; @param fair under {@code new ReentrantLock(true)} */
    public record Starvation(int threads, long millisPerLock, Share unfair, Share fair) {}

    /**
     * @param acquisitions per thread
     * @param longestWaitMillis per thread: its longest wait from asking for the lock to getting it
     * @param leastShareOfEqual the least-served thread's acquisitions ÷ an equal share (1 = fair)
     * @param worstWaitMillis the longest wait of any thread
     */
    public record Share(List<Long> acquisitions, List<Double> longestWaitMillis, double leastShareOfEqual, double worstWaitMillis) {}

    /** Work done while holding the starved lock: long enough that waiters pile up, short enough for many turns. */
    static final int CRITICAL_SECTION_ROUNDS = 200;
    /** Room for every increment the channel carries before its owner takes it; producers block beyond. */
    static final int CHANNEL_CAPACITY = 1024;
    /** Waiting for a thread that should end by itself: far above any correct run, so a bug fails instead of hanging. */
    static final long JOIN_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(2);
    private static final double NANOS_PER_MILLI = 1e6;

    @Option(names = "--threads", description = "threads that race and fight for the lock (default ${DEFAULT-VALUE})")
    int threads = Settings.QUICK.threads();

    @Option(names = "--increments-per-thread", description = "increments each racing thread makes (default ${DEFAULT-VALUE})")
    long incrementsPerThread = Settings.QUICK.incrementsPerThread();

    @Option(names = "--starvation-ms", description = "how long the threads fight for each lock (default ${DEFAULT-VALUE})")
    long starvationMillis = Settings.QUICK.starvationMillis();

    @Option(names = "--deadlock-timeout-ms",
            description = "how long the crossed threads get before they count as deadlocked (default ${DEFAULT-VALUE})")
    long deadlockTimeoutMillis = Settings.QUICK.deadlockTimeoutMillis();

    @Option(names = "--ordered-rounds",
            description = "lock-both rounds each thread makes under the fixed order (default ${DEFAULT-VALUE})")
    long orderedRounds = Settings.QUICK.orderedRounds();

    @Parameters(paramLabel = "FILE", description = "where the JSON goes")
    Path out;

    public static void main(String[] args) {
        System.exit(Cli.execute(new CommandLine(new Hazards()), args));
    }

    @Override
    public Integer call() throws Exception {
        Json.writeAtomically(out, run(new Settings(threads, incrementsPerThread, starvationMillis, deadlockTimeoutMillis, orderedRounds)));
        return 0;
    }

    static Result run(Settings s) throws InterruptedException {
        return new Result(race(s), deadlock(s), new Starvation(s.threads(), s.starvationMillis(),
                starve(s, false), starve(s, true)));
    }

    // ---- data race --------------------------------------------------------------------------------

    /** Volatile so every increment really reads and writes memory: the JIT cannot fold the loop into one add, and the race is on each increment. */
    private static final class Racy {
        volatile long value;
    }

    private static Race race(Settings s) throws InterruptedException {
        long expected = s.threads() * s.incrementsPerThread();
        List<Count> counts = new ArrayList<>();

        Racy racy = new Racy();
        counts.add(count("unsynchronised: volatile long, value++", false, expected, s,
                i -> () -> {
                    for (long k = 0; k < s.incrementsPerThread(); k++) {
                        racy.value++;                    // read, add, write: another thread's write in between is lost
                    }
                }, () -> racy.value));

        AtomicLong atomic = new AtomicLong();
        counts.add(count("AtomicLong.incrementAndGet()", true, expected, s,
                i -> () -> {
                    for (long k = 0; k < s.incrementsPerThread(); k++) {
                        atomic.incrementAndGet();
                    }
                }, atomic::get));

        Object monitor = new Object();
        long[] monitored = new long[1];
        counts.add(count("synchronized (monitor) { value++ }", true, expected, s,
                i -> () -> {
                    for (long k = 0; k < s.incrementsPerThread(); k++) {
                        synchronized (monitor) {
                            monitored[0]++;
                        }
                    }
                }, () -> {
                    synchronized (monitor) {
                        return monitored[0];
                    }
                }));

        ReentrantLock lock = new ReentrantLock();
        long[] locked = new long[1];
        counts.add(count("ReentrantLock: lock(); value++; unlock()", true, expected, s,
                i -> () -> {
                    for (long k = 0; k < s.incrementsPerThread(); k++) {
                        lock.lock();
                        try {
                            locked[0]++;
                        } finally {
                            lock.unlock();
                        }
                    }
                }, () -> {
                    lock.lock();
                    try {
                        return locked[0];
                    } finally {
                        lock.unlock();
                    }
                }));

        counts.add(channel(s, expected));
        return new Race(s.threads(), s.incrementsPerThread(), expected, counts);
    }

    private interface LongReader {
        long read();
    }

    private static Count count(String name, boolean synchronised, long expected, Settings s,
                               IntFunction<Runnable> worker, LongReader result) throws InterruptedException {
        long t0 = System.nanoTime();
        runAll(s.threads(), worker, "t7-race");
        double nanos = System.nanoTime() - t0;
        long counted = result.read();
        return new Count(name, synchronised, counted, expected - counted, nanos / expected);
    }

    /** The Go way: increments are messages to the one goroutine that owns the counter. */
    private static Count channel(Settings s, long expected) throws InterruptedException {
        BlockingQueue<Boolean> channel = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
        long[] owned = new long[1];
        Thread owner = daemon("t7-channel-owner", () -> {
            try {
                for (long k = 0; k < expected; k++) {
                    channel.take();
                    owned[0]++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        owner.start();
        runAll(s.threads(), i -> () -> {
            try {
                for (long k = 0; k < s.incrementsPerThread(); k++) {
                    channel.put(Boolean.TRUE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "t7-channel-sender");
        joinOrFail(owner);
        double nanos = System.nanoTime() - t0;
        return new Count("channel: ArrayBlockingQueue to one owner thread", true, owned[0], expected - owned[0], nanos / expected);
    }

    // ---- deadlock ---------------------------------------------------------------------------------

    private static Deadlock deadlock(Settings s) throws InterruptedException {
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        Thread ab = daemon("t7-lock-a-then-b", () -> crossing(a, b, bothHoldOne));
        Thread ba = daemon("t7-lock-b-then-a", () -> crossing(b, a, bothHoldOne));
        ab.start();
        ba.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.deadlockTimeoutMillis());
        ab.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        ba.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        boolean stuck = ab.isAlive() && ba.isAlive();
        List<String> cycle = deadlocked(ab, ba);
        // lockInterruptibly: the interrupt is the way out of the cycle, so the demonstration never hangs.
        ab.interrupt();
        ba.interrupt();
        ab.join(JOIN_LIMIT_MILLIS);
        ba.join(JOIN_LIMIT_MILLIS);
        boolean released = !ab.isAlive() && !ba.isAlive();

        long[] rounds = new long[1];
        long t0 = System.nanoTime();
        Thread[] ordered = {
            daemon("t7-ordered-1", () -> orderedRounds(a, b, s.orderedRounds(), rounds)),
            daemon("t7-ordered-2", () -> orderedRounds(a, b, s.orderedRounds(), rounds))};
        for (Thread t : ordered) {
            t.start();
        }
        boolean completed = true;
        for (Thread t : ordered) {
            t.join(JOIN_LIMIT_MILLIS);
            completed &= !t.isAlive();
        }
        double millis = (System.nanoTime() - t0) / NANOS_PER_MILLI;
        a.lock();
        try {
            completed &= rounds[0] == 2 * s.orderedRounds();
        } finally {
            a.unlock();
        }
        for (Thread t : ordered) {
            t.interrupt();
        }
        return new Deadlock(s.deadlockTimeoutMillis(), stuck, cycle, released, s.orderedRounds(), completed, millis);
    }

    private static void crossing(ReentrantLock first, ReentrantLock second, CyclicBarrier bothHoldOne) {
        try {
            first.lockInterruptibly();
            try {
                bothHoldOne.await();
                second.lockInterruptibly();
                second.unlock();
            } finally {
                first.unlock();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            // released by the detector
        }
    }

    private static void orderedRounds(ReentrantLock a, ReentrantLock b, long rounds, long[] counter) {
        for (long k = 0; k < rounds; k++) {
            a.lock();
            try {
                b.lock();
                try {
                    counter[0]++;
                } finally {
                    b.unlock();
                }
            } finally {
                a.unlock();
            }
        }
    }

    private static List<String> deadlocked(Thread... ours) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        if (ids == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Thread t : ours) {
            if (Arrays.stream(ids).anyMatch(id -> id == t.threadId())) {
                names.add(t.getName());
            }
        }
        return names;
    }

    // ---- starvation -------------------------------------------------------------------------------

    private static Share starve(Settings s, boolean fair) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock(fair);
        int n = s.threads();
        long[] acquisitions = new long[n];
        long[] longestWaitNanos = new long[n];
        AtomicBoolean stop = new AtomicBoolean();
        long[] sink = new long[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int me = i;
            threads[i] = daemon("t7-" + (fair ? "fair" : "unfair") + "-" + i, () -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long x = 0;
                // Each thread touches only its own slots; they are read after join.
                while (!stop.get()) {
                    long asked = System.nanoTime();
                    lock.lock();
                    try {
                        long waited = System.nanoTime() - asked;
                        if (waited > longestWaitNanos[me]) {
                            longestWaitNanos[me] = waited;
                        }
                        acquisitions[me]++;
                        for (int k = 0; k < CRITICAL_SECTION_ROUNDS; k++) {
                            x += k ^ me;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                sink[me] = x;                            // keeps the critical section's work alive
            });
            threads[i].start();
        }
        ready.await();
        go.countDown();
        Thread.sleep(s.starvationMillis());
        stop.set(true);
        for (Thread t : threads) {
            joinOrFail(t);
        }
        long total = Arrays.stream(acquisitions).sum();
        long least = Arrays.stream(acquisitions).min().orElse(0);
        List<Double> waits = Arrays.stream(longestWaitNanos).mapToObj(w -> w / NANOS_PER_MILLI).toList();
        return new Share(Arrays.stream(acquisitions).boxed().toList(), waits,
                total == 0 ? 0 : (double) least * n / total, waits.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    // ---- threads ----------------------------------------------------------------------------------

    private static void runAll(int n, IntFunction<Runnable> worker, String name) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            Runnable r = worker.apply(i);
            threads[i] = daemon(name + "-" + i, () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                r.run();
            });
            threads[i].start();
        }
        go.countDown();                                  // all start together, so they overlap
        for (Thread t : threads) {
            joinOrFail(t);
        }
    }

    /** Daemon: a demonstration thread left behind by a bug must not keep the JVM alive. */
    private static Thread daemon(String name, Runnable r) {
        return Thread.ofPlatform().daemon().name(name).unstarted(r);
    }

    private static void joinOrFail(Thread t) throws InterruptedException {
        t.join(JOIN_LIMIT_MILLIS);
        if (t.isAlive()) {
            t.interrupt();
            throw new IllegalStateException(t.getName() + " did not finish within " + JOIN_LIMIT_MILLIS + " ms");
        }
    }
}
