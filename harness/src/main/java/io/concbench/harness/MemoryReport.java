package io.concbench.harness;

import io.concbench.harness.probe.NativeMemory;
import io.concbench.harness.probe.ProcessProbe;

import java.util.List;
import java.util.Optional;

/**
 * Memory of a server after garbage collection, as answered to the {@code gc} command. Figures that
 * could not be read are -1.
 *
 * @param heapUsedBytes heap in use after two full collections (live data plus what the collector left)
 * @param rssBytes resident set size of the process(es)
 * @param nmtCommittedBytes Native Memory Tracking's committed total; -1 unless NMT is on
 * @param nmtThreadStackCommittedBytes committed thread stacks per NMT; -1 unless NMT is on
 * @param threads live threads (platform threads; virtual threads are not threads of the OS)
 * @param processes one entry per process for a multi-process model, else empty
 */
public record MemoryReport(long heapUsedBytes, long rssBytes, long nmtCommittedBytes,
                           long nmtThreadStackCommittedBytes, long threads, List<MemoryReport> processes) {

    public MemoryReport {
        processes = List.copyOf(processes);
    }

    /** Collects twice in this JVM, then reads heap used, RSS, NMT (when on) and threads. */
    public static MemoryReport ofThisProcess() {
        System.gc();
        System.gc();
        long heap = ProcessProbe.heapUsedBytes();
        Optional<NativeMemory.Summary> nmt = NativeMemory.summary();
        return new MemoryReport(heap, ProcessProbe.self().map(s -> s.rssBytes()).orElse(-1L),
                nmt.map(NativeMemory.Summary::committedBytes).orElse(-1L),
                nmt.map(NativeMemory.Summary::threadStackCommittedBytes).orElse(-1L),
                java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount(),
                List.of());
    }

    /** The sum over several processes, keeping each. A figure missing in any part is -1 in the sum. */
    public static MemoryReport sumOf(List<MemoryReport> parts) {
        return new MemoryReport(sum(parts, MemoryReport::heapUsedBytes), sum(parts, MemoryReport::rssBytes),
                sum(parts, MemoryReport::nmtCommittedBytes), sum(parts, MemoryReport::nmtThreadStackCommittedBytes),
                sum(parts, MemoryReport::threads), parts);
    }

    private static long sum(List<MemoryReport> parts, java.util.function.ToLongFunction<MemoryReport> f) {
        long total = 0;
        for (MemoryReport p : parts) {
            long v = f.applyAsLong(p);
            if (v < 0) {
                return -1;
            }
            total += v;
        }
        return total;
    }
}
