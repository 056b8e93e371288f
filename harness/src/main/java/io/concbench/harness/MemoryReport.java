package io.concbench.harness;

import io.concbench.harness.probe.ProcessProbe;

import java.util.List;

/**
 * Memory of a server after garbage collection, as answered to the {@code gc} command.
 *
 * @param heapUsedBytes heap in use after two full collections (live data plus what the collector left)
 * @param rssBytes resident set size of the process(es)
 * @param processes one entry per process for a multi-process model, else empty
 */
public record MemoryReport(long heapUsedBytes, long rssBytes, List<MemoryReport> processes) {

    public MemoryReport {
        processes = List.copyOf(processes);
    }

    /** Collects twice in this JVM, then reads heap used and this process's RSS. */
    public static MemoryReport ofThisProcess() {
        System.gc();
        System.gc();
        return new MemoryReport(ProcessProbe.heapUsedBytes(), ProcessProbe.self().map(s -> s.rssBytes()).orElse(-1L), List.of());
    }

    /** The sum over several processes, keeping each. */
    public static MemoryReport sumOf(List<MemoryReport> parts) {
        return new MemoryReport(parts.stream().mapToLong(MemoryReport::heapUsedBytes).sum(),
                parts.stream().mapToLong(MemoryReport::rssBytes).sum(), parts);
    }
}
