package io.concbench.micro.scheduler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The executors under test, by the names the benchmark's {@code executor} parameter uses. */
final class ExecutorsUnderTest {

    private static final int INITIAL_QUEUE_CAPACITY = 1024;

    private ExecutorsUnderTest() {}

    /**
     * @param name {@code forkJoin}, {@code fifo}, {@code edf} or {@code virtual}
     * @param threads pool size for the pooled executors; the virtual-thread scheduler sizes itself
     *                (one carrier per core unless -Djdk.virtualThreadScheduler.parallelism says otherwise)
     */
    static ExecutorService named(String name, int threads) {
        return switch (name) {
            case "forkJoin" -> new ForkJoinPool(threads);
            case "fifo" -> prestarted(new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>()));
            case "edf" -> earliestDeadlineFirst(threads);
            case "virtual" -> Executors.newVirtualThreadPerTaskExecutor();
            default -> throw new IllegalArgumentException(
                    "executor must be forkJoin, fifo, edf or virtual, got " + name);
        };
    }

    /**
     * A fixed pool whose queue hands out the task with the earliest deadline first. Accepts only
     * {@link Task}s through {@code execute}; {@code submit} would wrap them in a FutureTask the queue
     * cannot order, so it is refused too.
     */
    static ThreadPoolExecutor earliestDeadlineFirst(int threads) {
        return prestarted(new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, deadlineQueue()) {
            @Override
            public void execute(Runnable command) {
                if (!(command instanceof Task)) {
                    throw new IllegalArgumentException("the EDF executor orders Tasks by deadline; got "
                            + command.getClass().getName() + " (use execute(Task), not submit)");
                }
                super.execute(command);
            }
        });
    }

    /**
     * The EDF executor's queue: the task with the earliest absolute deadline comes out first.
     * Deadlines are System.nanoTime() values, which may be negative and are compared by difference.
     */
    static PriorityBlockingQueue<Runnable> deadlineQueue() {
        return new PriorityBlockingQueue<>(INITIAL_QUEUE_CAPACITY,
                (a, b) -> Long.compare(((Task) a).deadlineNanos() - ((Task) b).deadlineNanos(), 0));
    }

    // With every core thread started, the first tasks queue like the rest instead of each starting a thread.
    private static ThreadPoolExecutor prestarted(ThreadPoolExecutor pool) {
        pool.prestartAllCoreThreads();
        return pool;
    }
}
