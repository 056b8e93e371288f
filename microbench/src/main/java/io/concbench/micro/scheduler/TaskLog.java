package io.concbench.micro.scheduler;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * What the tasks of one JMH iteration did: submit-to-start latencies and deadline misses. The
 * benchmark thread records each finished batch; {@link SchedulerProfiler} drains it between
 * iterations. One per JVM, because a JMH profiler can reach the benchmark only through static state.
 *
 * <p>Thread-safe: every method is synchronized; it is called once per batch, not per task.
 */
final class TaskLog {

    /** Latencies above this are clamped: a task that waited ten seconds has told us enough. */
    static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    static final TaskLog ITERATION = new TaskLog();

    /**
     * @param tasks tasks recorded
     * @param meanNanos mean submit-to-start latency
     * @param p99Nanos 99th percentile of submit-to-start latency
     * @param deadlineMisses tasks that finished after their deadline
     */
    record Snapshot(long tasks, double meanNanos, long p99Nanos, long deadlineMisses) {}

    private final Histogram latencies = new Histogram(MAX_LATENCY_NANOS, SIGNIFICANT_DIGITS);
    private long deadlineMisses;

    /** Records a finished batch. Allocation-free, so it does not show in -prof gc. */
    synchronized void record(Task[] batch) {
        for (Task t : batch) {
            latencies.recordValue(Math.min(MAX_LATENCY_NANOS, Math.max(0, t.startNanos - t.submitNanos)));
            if (t.finishNanos > t.deadlineNanos) {
                deadlineMisses++;
            }
        }
    }

    /** Returns what was recorded since the last drain and starts afresh. */
    synchronized Snapshot drain() {
        Snapshot s = new Snapshot(latencies.getTotalCount(), latencies.getMean(),
                latencies.getValueAtPercentile(99), deadlineMisses);
        latencies.reset();
        deadlineMisses = 0;
        return s;
    }
}
