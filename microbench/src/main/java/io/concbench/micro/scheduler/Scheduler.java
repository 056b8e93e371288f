package io.concbench.micro.scheduler;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/*
 * Hypothesis — table T5 (chapter 2.4), scheduler algorithms under high load:
 *
 *   CFS        85 µs mean latency   12,000 tasks/s   context-switch cost "medium"
 *   FIFO       45 µs                 9,500 tasks/s   "high"
 *   Deadline   30 µs                14,200 tasks/s   "low"
 *
 * The chapter compares kernel scheduling classes; the Java counterpart is the queueing discipline
 * of an executor. Each invocation submits a burst of 1,000 tasks from one thread as fast as it can
 * (the "high load": the queue builds up) and waits until all have finished:
 *
 *   forkJoin   ForkJoinPool, work-stealing; external submissions land in shared submission queues
 *   fifo       ThreadPoolExecutor over a LinkedBlockingQueue: strict arrival order
 *   edf        ThreadPoolExecutor over a PriorityBlockingQueue ordered by deadline
 *   virtual    a new virtual thread per task, on the default carrier pool (one carrier per core)
 *
 * Pools have one thread per core. Two streams: "short", identical ~1 µs tasks, and "mixed", with
 * 10 % urgent tasks (100 µs slack), 70 % normal (2 ms) and 20 % bulk tasks ten times longer (20 ms).
 *
 * Score: throughput in tasks per second. SchedulerProfiler adds mean and p99 submit-to-start
 * latency, deadline misses per 1,000 tasks, and the process's voluntary and nonvoluntary context
 * switches per 1,000 tasks. What to expect: in a burst, latency is mostly queueing, so the means
 * grow with the burst, not with the discipline; EDF should cut urgent tasks' misses in "mixed" at
 * the price of a heap-ordered queue; a virtual thread per task pays a thread creation per task but
 * parks carriers less.
 *
 * Baseline: inline, the same tasks run one after the other on the submitting thread — the work
 * itself, with no executor.
 *
 * Recording the batch's stamps into the log happens inside the measured invocation for every
 * variant alike (about 20 ns a task); it does not allocate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class Scheduler {

    static final int BATCH = 1_000;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    @State(Scope.Benchmark)
    public static class Stream {
        @Param({"short", "mixed"})
        public String workload;

        Task[] tasks;

        @Setup(Level.Trial)
        public void build() {
            tasks = Workload.named(workload).tasks(BATCH);
        }
    }

    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"forkJoin", "fifo", "edf", "virtual"})
        public String executor;

        ExecutorService service;

        @Setup(Level.Trial)
        public void start() {
            service = ExecutorsUnderTest.named(executor, Runtime.getRuntime().availableProcessors());
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            service.shutdown();
            if (!service.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(executor + " did not terminate within " + SHUTDOWN_TIMEOUT);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long inline(Stream stream) {
        long finished = 0;
        for (Task t : stream.tasks) {
            t.submitted(null).run();
            finished = t.finishNanos;
        }
        TaskLog.ITERATION.record(stream.tasks);
        return finished;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long executor(Pool pool, Stream stream) throws InterruptedException {
        Task[] tasks = stream.tasks;
        CountDownLatch done = new CountDownLatch(tasks.length);
        for (Task t : tasks) {
            pool.service.execute(t.submitted(done));
        }
        done.await();
        TaskLog.ITERATION.record(tasks);
        return tasks[tasks.length - 1].finishNanos;
    }

    /*
     * How to run:
     *   scripts/micro quick Scheduler
     *   java -jar microbench/target/benchmarks.jar Scheduler -prof io.concbench.micro.scheduler.SchedulerProfiler
     *   java -jar microbench/target/benchmarks.jar Scheduler -p workload=mixed -prof io.concbench.micro.scheduler.SchedulerProfiler
     */
}
