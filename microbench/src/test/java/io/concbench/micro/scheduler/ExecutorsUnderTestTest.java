package io.concbench.micro.scheduler;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutorsUnderTestTest {

    @Test
    void deadlineQueueHandsOutTheEarliestDeadlineFirst() {
        CountDownLatch unused = new CountDownLatch(0);
        Task relaxed = new Task(TimeUnit.MILLISECONDS.toNanos(20), 1).submitted(unused);
        Task normal = new Task(TimeUnit.MILLISECONDS.toNanos(2), 1).submitted(unused);
        Task urgent = new Task(TimeUnit.MICROSECONDS.toNanos(100), 1).submitted(unused);
        PriorityBlockingQueue<Runnable> queue = ExecutorsUnderTest.deadlineQueue();
        queue.add(relaxed);
        queue.add(normal);
        queue.add(urgent);
        assertSame(urgent, queue.poll());
        assertSame(normal, queue.poll());
        assertSame(relaxed, queue.poll());
    }

    @Test
    void edfExecutorRefusesWhatItCannotOrder() {
        ExecutorService edf = ExecutorsUnderTest.named("edf", 1);
        try {
            assertThrows(IllegalArgumentException.class, () -> edf.execute(() -> {}));
            assertThrows(IllegalArgumentException.class, () -> edf.submit(() -> {}));
        } finally {
            edf.shutdownNow();
        }
    }

    @Test
    void everyExecutorRunsAWholeMixedBatch() throws InterruptedException {
        for (String name : new String[] {"forkJoin", "fifo", "edf", "virtual"}) {
            ExecutorService service = ExecutorsUnderTest.named(name, 2);
            try {
                Task[] tasks = Workload.MIXED.tasks(200);
                CountDownLatch done = new CountDownLatch(tasks.length);
                for (Task t : tasks) {
                    service.execute(t.submitted(done));
                }
                assertTrue(done.await(10, TimeUnit.SECONDS), name + " did not finish the batch");
                for (Task t : tasks) {
                    assertTrue(t.startNanos >= t.submitNanos && t.finishNanos >= t.startNanos, name);
                }
            } finally {
                service.shutdown();
                assertTrue(service.awaitTermination(10, TimeUnit.SECONDS), name + " did not terminate");
            }
        }
    }

    @Test
    void unknownExecutorNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutorsUnderTest.named("lifo", 1));
        assertTrue(e.getMessage().contains("forkJoin, fifo, edf or virtual"), e.getMessage());
    }
}
