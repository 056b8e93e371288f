package io.concbench.micro.threads;

import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.probe.ProcessSample;

import java.time.Duration;

/**
 * Samples this process's RSS (VmRSS in /proc/self/status) and heap used on a platform
 * daemon thread, keeping the peaks. The sampler's own thread is one more platform thread in the
 * process; it exists in every variant, so comparisons between variants are fair.
 */
final class MemorySampler {

    /** @param rssBytes the highest RSS sampled; @param heapUsedBytes the highest heap-used sampled */
    record Peaks(long rssBytes, long heapUsedBytes) {}

    private final Duration period;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakRss;
    private volatile long peakHeap;

    private MemorySampler(Duration period) {
        this.period = period;
        this.thread = Thread.ofPlatform().daemon().name("memory-sampler").unstarted(this::loop);
    }

    static MemorySampler start(Duration period) {
        MemorySampler s = new MemorySampler(period);
        s.sample();
        s.thread.start();
        return s;
    }

    /** RSS now, or -1 off Linux. */
    long rssBytes() {
        return ProcessProbe.self().map(ProcessSample::rssBytes).orElse(-1L);
    }

    /** Stops sampling, takes one last sample and returns the peaks. */
    Peaks stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
        return new Peaks(peakRss, peakHeap);
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // Only the sampler thread and, after join, the stopping thread write: no lost updates.
    private void sample() {
        peakRss = Math.max(peakRss, rssBytes());
        peakHeap = Math.max(peakHeap, ProcessProbe.heapUsedBytes());
    }
}
