package io.concbench.micro.scheduler;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The task streams. Work is in {@link org.openjdk.jmh.infra.Blackhole#consumeCPU} tokens, roughly
 * linear in time (a few nanoseconds each); slack is how long after submission a task should finish.
 */
enum Workload {

    /** Identical short tasks with one relaxed deadline: EDF degenerates to FIFO. */
    SHORT {
        @Override
        Task[] tasks(int n) {
            Task[] tasks = new Task[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = new Task(NORMAL_SLACK_NANOS, SHORT_WORK_TOKENS);
            }
            return tasks;
        }
    },

    /**
     * 10 % urgent short tasks (100 µs slack), 70 % normal short tasks (2 ms), 20 % bulk tasks with
     * ten times the work (20 ms), shuffled with a fixed seed so every executor sees the same stream.
     */
    MIXED {
        @Override
        Task[] tasks(int n) {
            SplittableRandom random = new SplittableRandom(SEED);
            Task[] tasks = new Task[n];
            for (int i = 0; i < n; i++) {
                int dice = random.nextInt(100);
                tasks[i] = dice < 10 ? new Task(URGENT_SLACK_NANOS, SHORT_WORK_TOKENS)
                        : dice < 80 ? new Task(NORMAL_SLACK_NANOS, SHORT_WORK_TOKENS)
                        : new Task(BULK_SLACK_NANOS, BULK_WORK_TOKENS);
            }
            return tasks;
        }
    };

    /** About a microsecond of CPU: a task small enough that queueing, not work, dominates. */
    static final long SHORT_WORK_TOKENS = 200;
    static final long BULK_WORK_TOKENS = 10 * SHORT_WORK_TOKENS;
    static final long URGENT_SLACK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    static final long NORMAL_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long BULK_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SEED = 0x5EED_7A5CL;

    abstract Task[] tasks(int n);

    /** @param name {@code short} or {@code mixed} */
    static Workload named(String name) {
        return switch (name) {
            case "short" -> SHORT;
            case "mixed" -> MIXED;
            default -> throw new IllegalArgumentException("workload must be short or mixed, got " + name);
        };
    }
}
