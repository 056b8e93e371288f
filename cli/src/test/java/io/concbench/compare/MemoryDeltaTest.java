package io.concbench.compare;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MemoryDeltaTest {

    private static MemoryDelta.Reading reading(long heap, long rss, long nmt, long socket) {
        return new MemoryDelta.Reading(new MemoryReport(heap, rss, nmt, nmt < 0 ? -1 : nmt / 2, 20, List.of()), socket);
    }

    @Test
    void theBandIsTheLargerMoveOfTheTwoBackToBackPairs() {
        MemoryReport warmup = new MemoryReport(300_000, 40_000_000, 79_000_000, 1_000_000, 20, List.of());
        RunResult.MemoryFigures m = MemoryDelta.figures(10_000, 200, "", warmup,
                reading(1_000_000, 50_000_000, 80_000_000, 8192),
                reading(1_003_000, 50_004_096, 80_000_000, 8192),       // idle moved: heap 3,000, RSS one page
                reading(1_500_000, 60_000_000, 81_024_000, 8192),
                reading(1_520_000, 60_000_000, 81_024_000, 8192));      // loaded moved: heap 20,000
        RunResult.Noise n = m.noise();
        assertEquals(20_000L, n.heapBytes());
        assertEquals(4096L, n.rssBytes());
        assertEquals(1024L, n.nmtCommittedBytes());                    // unchanged: the resolution, a KiB
        assertEquals(4096L, n.kernelSocketBytes());                    // unchanged: one sockstat page
        assertEquals((1_500_000 - 1_003_000) / 200.0, m.heapBytesPerConnection());   // from the second idle reading
        assertEquals((60_000_000 - 50_004_096) / 200.0, m.rssBytesPerConnection());
        assertEquals(0.0, m.kernelSocketBytesPerConnection());
        assertEquals(1_000_000, n.firstBaseline().heapUsedBytes());
        assertEquals(1_520_000, n.loadedAgain().heapUsedBytes());
        assertEquals(1_003_000, m.baseline().heapUsedBytes());
        assertEquals(300_000, n.warmup().heapUsedBytes());                 // kept, but neither band nor delta
    }

    @Test
    void aFallIsNoPerConnectionCostButTheStateMovingByItself() {
        // threadpool, results/compare/2026-11-27T17-12-46Z: heap after GC 472 KiB smaller with 200 connections held.
        MemoryReport warmup = new MemoryReport(300_000, 40_000_000, 79_000_000, 1_000_000, 20, List.of());
        RunResult.MemoryFigures m = MemoryDelta.figures(10_000, 200, "", warmup,
                reading(9_200_000, 50_000_000, 80_000_000, 8192),
                reading(9_200_100, 50_000_000, 80_000_000, 8192),
                reading(8_716_388, 60_000_000, 81_024_000, 8192),
                reading(8_716_400, 60_000_000, 81_024_000, 8192));
        assertNull(m.heapBytesPerConnection());                         // absent, never -2.36 KiB
        assertEquals(9_200_100L - 8_716_388L, m.noise().heapBytes());   // the band widens to the fall
        assertEquals((60_000_000 - 50_000_000) / 200.0, m.rssBytesPerConnection());
    }

    @Test
    void aMissingReadingIsAbsentNotMinusOne() {
        RunResult.MemoryFigures m = MemoryDelta.figures(100, 100, "", new MemoryReport(0, 0, -1, -1, 20, List.of()),
                reading(1000, 5000, -1, -1), reading(1000, 5000, -1, -1),
                reading(2000, 9096, -1, -1), reading(2000, 9096, -1, -1));
        assertNull(m.nmtCommittedBytesPerConnection());
        assertNull(m.nmtThreadStackBytesPerConnection());
        assertNull(m.kernelSocketBytesPerConnection());
        assertNull(m.noise().nmtCommittedBytes());
        assertNull(m.noise().kernelSocketBytes());
        assertEquals(10.0, m.heapBytesPerConnection());
        assertEquals(1L, m.noise().heapBytes());
    }
}
