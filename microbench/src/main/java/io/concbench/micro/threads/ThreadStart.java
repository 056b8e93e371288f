package io.concbench.micro.threads;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/*
 * Hypothesis — table T2 (chapter 2.1) and T10 (chapter 4.1):
 *
 *   traditional thread   "several MB" per unit, concurrency "hundreds" (T2), "thousands" (T10)
 *   goroutine            starts at 2 KB, concurrency "hundreds of thousands"
 *
 * The chapter gives no start-up time, but its scale claims rest on it: a unit that costs tens of
 * microseconds to create cannot be created per request at hundreds of thousands. Measured here:
 * start and join of one thread running a trivial task, platform vs virtual. A platform start is a
 * clone() plus stack mmap and the JVM's thread bookkeeping; a virtual start allocates a small
 * object and submits it to the carrier pool.
 *
 *   platform, virtual            start one thread, join it: includes waking the caller (a
 *                                platform JMH thread) when it ends, a kernel switch either way
 *   platformBatch, virtualBatch  start 100 threads, then join them all: the cost per thread when
 *                                the caller does not wait for each, as an acceptor loop does
 *
 * Baseline: inline, the same task run on the calling thread.
 *
 * The memory side of T2 ("10,000 workers sleeping 100 ms take only tens of MB") is not a JMH
 * measurement: see Sleepers, which scripts/micro runs in a fresh JVM per variant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class ThreadStart {

    static final int BATCH = 100;

    private final Thread[] batch = new Thread[BATCH];

    /** Written by the task, read by the caller after join: the task has an effect the JIT must keep. */
    private long ran;

    private final Runnable task = () -> ran++;

    /** The batch's threads run at once, so they count atomically. */
    private final AtomicLong counter = new AtomicLong();
    private final Runnable counted = counter::incrementAndGet;

    @Benchmark
    public long inline() {
        task.run();
        return ran;
    }

    @Benchmark
    public long platform() throws InterruptedException {
        Thread t = Thread.ofPlatform().start(task);
        t.join();
        return ran;
    }

    @Benchmark
    public long virtual() throws InterruptedException {
        Thread t = Thread.ofVirtual().start(task);
        t.join();
        return ran;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long platformBatch() throws InterruptedException {
        return startAndJoinAll(Thread.ofPlatform());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long virtualBatch() throws InterruptedException {
        return startAndJoinAll(Thread.ofVirtual());
    }

    private long startAndJoinAll(Thread.Builder builder) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            batch[i] = builder.start(counted);
        }
        for (Thread t : batch) {
            t.join();
        }
        return counter.get();
    }

    /*
     * How to run:
     *   scripts/micro quick ThreadStart
     *   java -jar microbench/target/benchmarks.jar ThreadStart
     */
}
