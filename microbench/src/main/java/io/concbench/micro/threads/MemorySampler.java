package io.concbench.micro.threads;

import io.concbench.harness.probe.ProcFields;
import io.concbench.harness.probe.ProcessProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Samples this process's RSS and heap used on a platform daemon thread, keeping the peaks. The
 * sampler's own thread is one more platform thread in the process; it exists in every variant, so
 * comparisons between variants are fair.
 *
 * <p>RSS comes from VmRSS in /proc/self/status, one small read. Not {@link ProcessProbe#self()}: it
 * also reads every thread's status for context switches, which with 10,000 platform threads alive
 * turns the sampler into the busiest thread on the machine.
 */
final class MemorySampler {

    private static final Path STATUS = Path.of("/proc/self/status");

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

    /** VmRSS now, or -1 off Linux. */
    static long rssBytes() {
        return statusBytes("VmRSS");
    }

    /** VmHWM: the kernel's RSS high-water mark for this process, or -1 off Linux. */
    static long peakRssBytes() {
        return statusBytes("VmHWM");
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

    /** A "Key:   123 kB" line of /proc/self/status in bytes, or -1 when it cannot be read. */
    private static long statusBytes(String key) {
        try {
            return ProcFields.bytes(Files.readString(STATUS), key).orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
