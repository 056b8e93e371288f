package io.concbench.micro.scheduler;

import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.CountDownLatch;

/**
 * One unit of work in a batch: burns a fixed amount of CPU and stamps when it was submitted,
 * started and finished. Reused batch after batch; a batch's latch orders the stamps before the
 * submitter reads them.
 */
final class Task implements Runnable {

    /** Whatever the caller wants; the EDF executor orders by it. Relative to {@link #submitNanos}. */
    final long slackNanos;
    final long workTokens;

    long submitNanos;
    long deadlineNanos;
    long startNanos;
    long finishNanos;
    private CountDownLatch batch;

    Task(long slackNanos, long workTokens) {
        this.slackNanos = slackNanos;
        this.workTokens = workTokens;
    }

    /** Stamps the submission time and the absolute deadline; call right before handing the task over. */
    Task submitted(CountDownLatch batch) {
        this.batch = batch;
        submitNanos = System.nanoTime();
        deadlineNanos = submitNanos + slackNanos;
        return this;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        Blackhole.consumeCPU(workTokens);
        finishNanos = System.nanoTime();
        if (batch != null) {
            batch.countDown();
        }
    }
}
