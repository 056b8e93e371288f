package io.concbench.micro.threads;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadLimitsTest {

    @Test
    void capLeavesAQuarterOfTheTightestLimitAndWhatAlreadyRuns() {
        // This machine: max_map_count / 2 = 32,765 is tighter than pid_max 32,768.
        ThreadLimits limits = new ThreadLimits(32_768, 193_102, 65_530, 96_551, 249);
        assertEquals(32_765, limits.tightest());
        assertEquals(24_573 - 249, limits.platformCap());
    }

    @Test
    void capIsNeverNegative() {
        assertEquals(0, new ThreadLimits(1_000, 1_000, 100_000, 1_000, 5_000).platformCap());
    }

    @Test
    void noReadableLimitMeansNoCap() {
        long u = ThreadLimits.UNKNOWN;
        assertEquals(Integer.MAX_VALUE, new ThreadLimits(u, u, u, u, u).platformCap());
    }

    @Test
    void softNprocComesFromTheMaxProcessesLine() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max cpu time              unlimited            unlimited            seconds
                Max processes             96551                96552                processes
                Max open files            20000                20000                files
                """;
        assertEquals(96_551, ThreadLimits.nprocSoft(limits));
        assertEquals(ThreadLimits.UNKNOWN, ThreadLimits.nprocSoft(limits.replace("96551 ", "unlimited")));
    }

    @Test
    void loadavgTotalCountsEveryTask() {
        assertEquals(345, ThreadLimits.loadavgTasks("0.50 0.40 0.30 2/345 12345\n"));
        assertEquals(ThreadLimits.UNKNOWN, ThreadLimits.loadavgTasks("garbage"));
    }
}
