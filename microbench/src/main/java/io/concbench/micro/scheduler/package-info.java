/**
 * Table T5: one stream of short tasks, and a mixed stream with deadlines, through executors with
 * different queueing disciplines — work-stealing {@link java.util.concurrent.ForkJoinPool}, FIFO
 * {@link java.util.concurrent.ThreadPoolExecutor}, an earliest-deadline-first executor, and a
 * virtual thread per task. Throughput is the JMH score; submit-to-start latency, deadline misses
 * and context switches per 1,000 tasks come from {@link io.concbench.micro.scheduler.SchedulerProfiler},
 * which must be enabled with {@code -prof io.concbench.micro.scheduler.SchedulerProfiler}
 * ({@code scripts/micro} does).
 */
package io.concbench.micro.scheduler;
