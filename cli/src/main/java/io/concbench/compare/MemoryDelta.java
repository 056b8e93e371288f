package io.concbench.compare;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.result.RunResult;

import java.util.function.ToLongFunction;

/**
 * Turns the memory step's readings into per-connection figures and their noise band. Each state is
 * read twice back to back because one reading of each cannot tell the connections from the process
 * moving by itself: threadpool held 200 of 10,000 connections and its heap after GC was 472 KiB
 * smaller with them than without, printed as -2.36 KiB per connection; multiprocess's NMT total
 * was 7.2 MiB smaller with 10,000 (-758 B per connection; results/compare/2026-11-27T17-12-46Z).
 * A pair catches only what moves within its second or so: with nothing open, reactor's NMT total
 * stayed within 25 KiB over three reports 1.5 s apart, then fell 6.7 MiB at the fourth (2026-12-01),
 * so a pair alone can miss a drop like that. Holding connections cannot free what the server held,
 * so a fall between baseline and loaded is the state moving by itself: the band widens to it and the
 * per-connection figure is left out (absent, never a negative cost). Stateless.
 */
final class MemoryDelta {

    /** VmRSS counts whole pages; two equal readings say only that RSS moved by less than one. */
    static final long RSS_RESOLUTION_BYTES = KernelSockets.PAGE_BYTES;
    /** NMT's summary is read with scale=KB. */
    static final long NMT_RESOLUTION_BYTES = 1024;
    /** Heap used is read in bytes from the MemoryMXBean. */
    static final long HEAP_RESOLUTION_BYTES = 1;

    /** One reading of a state: the server's gc report and the machine's sockstat TCP memory (-1 unread). */
    record Reading(MemoryReport gc, long kernelSocketBytes) {}

    private MemoryDelta() {}

    /**
     * The figures of one memory run.
     *
     * @param warmup idle, the uncounted first gc report (see {@link RunResult.Noise})
     * @param firstBaseline idle, first counted reading
     * @param baseline idle, read right after {@code firstBaseline}, just before the connections open;
     *                 the deltas are taken from this one
     * @param loaded with {@code held} connections open
     * @param loadedAgain read right after {@code loaded}
     */
    static RunResult.MemoryFigures figures(int requested, int held, String note, MemoryReport warmup, Reading firstBaseline,
                                           Reading baseline, Reading loaded, Reading loadedAgain) {
        double per = Math.max(1, held);
        MemoryReport b = baseline.gc();
        MemoryReport l = loaded.gc();
        RunResult.Noise noise = new RunResult.Noise(warmup, firstBaseline.gc(), loadedAgain.gc(), firstBaseline.kernelSocketBytes(),
                loadedAgain.kernelSocketBytes(),
                band(firstBaseline.gc(), b, l, loadedAgain.gc(), MemoryReport::heapUsedBytes, HEAP_RESOLUTION_BYTES),
                band(firstBaseline.gc(), b, l, loadedAgain.gc(), MemoryReport::rssBytes, RSS_RESOLUTION_BYTES),
                band(firstBaseline.gc(), b, l, loadedAgain.gc(), MemoryReport::nmtCommittedBytes, NMT_RESOLUTION_BYTES),
                band(firstBaseline.gc(), b, l, loadedAgain.gc(), MemoryReport::nmtThreadStackCommittedBytes,
                        NMT_RESOLUTION_BYTES),
                band(firstBaseline.kernelSocketBytes(), baseline.kernelSocketBytes(), loaded.kernelSocketBytes(),
                        loadedAgain.kernelSocketBytes(), KernelSockets.PAGE_BYTES));
        return new RunResult.MemoryFigures(requested, held, note, b, l, baseline.kernelSocketBytes(), loaded.kernelSocketBytes(),
                perConnection(b.heapUsedBytes(), l.heapUsedBytes(), per),
                perConnection(b.rssBytes(), l.rssBytes(), per),
                perConnection(b.nmtCommittedBytes(), l.nmtCommittedBytes(), per),
                perConnection(b.nmtThreadStackCommittedBytes(), l.nmtThreadStackCommittedBytes(), per),
                perConnection(baseline.kernelSocketBytes(), loaded.kernelSocketBytes(), per),
                noise);
    }

    /** (after - before) / n; null when either reading is missing (-1) or the figure fell (see the class comment). */
    static Double perConnection(long before, long after, double n) {
        return before < 0 || after < 0 || after < before ? null : (after - before) / n;
    }

    private static Long band(MemoryReport b1, MemoryReport b2, MemoryReport l1, MemoryReport l2,
                             ToLongFunction<MemoryReport> f, long resolution) {
        return band(f.applyAsLong(b1), f.applyAsLong(b2), f.applyAsLong(l1), f.applyAsLong(l2), resolution);
    }

    /**
     * The larger move of the two back-to-back pairs, or the fall from baseline {@code b2} to loaded
     * {@code l1} when that is larger, at least {@code resolution}; null when a reading is missing.
     */
    static Long band(long b1, long b2, long l1, long l2, long resolution) {
        if (b1 < 0 || b2 < 0 || l1 < 0 || l2 < 0) {
            return null;
        }
        long fall = Math.max(0, b2 - l1);
        return Math.max(resolution, Math.max(fall, Math.max(Math.abs(b2 - b1), Math.abs(l2 - l1))));
    }
}
