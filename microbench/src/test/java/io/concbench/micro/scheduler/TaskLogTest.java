package io.concbench.micro.scheduler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskLogTest {

    @Test
    void drainReportsMeanP99AndMissesThenStartsAfresh() {
        Task[] batch = new Task[100];
        for (int i = 0; i < batch.length; i++) {
            Task t = new Task(0, 0);
            t.submitNanos = 1_000_000;
            t.startNanos = t.submitNanos + (i + 1) * 1_000L;       // 1..100 µs
            t.deadlineNanos = t.submitNanos + 90_000;
            t.finishNanos = t.startNanos;                          // the last ten finish after 90 µs
            batch[i] = t;
        }
        TaskLog log = new TaskLog();
        log.record(batch);

        TaskLog.Snapshot s = log.drain();
        assertEquals(100, s.tasks());
        assertEquals(50_500, s.meanNanos(), 50_500 * 0.001);      // HdrHistogram keeps 3 significant digits
        assertEquals(99_000, s.p99Nanos(), 99_000 * 0.001);
        assertEquals(10, s.deadlineMisses());

        assertEquals(0, log.drain().tasks());
    }
}
