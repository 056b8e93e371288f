package io.concbench.compare;

import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outside-CPU arithmetic over fake /proc/stat text and a fake clock: no live machine involved. */
class MachineCpuTest {

    private static final double THRESHOLD = 10;
    private static final double EXACT = 1e-9;

    /** Serves queued /proc/stat texts, times and self CPU readings, one per {@link MachineCpu#sampleNow()}. */
    private static final class FakeProc implements MachineCpu.Source {
        final Deque<String> stats = new ArrayDeque<>();
        final Deque<Long> times = new ArrayDeque<>();
        final Deque<Long> selfNanos = new ArrayDeque<>();
        String loadavg = "1.50 1.20 1.00 3/456 7890\n";

        /** Queues one reading: cumulative busy split over user/system/softirq, idle, steal, at {@code millis}. */
        FakeProc at(long millis, long user, long system, long idle, long steal, long selfCpuNanos) {
            // user nice system idle iowait irq softirq steal guest guest_nice; guest (9th) is inside user already
            stats.add("cpu  " + user + " 0 " + system + " " + idle + " 5 0 0 " + steal + " " + user / 2 + " 0\n"
                    + "cpu0 1 2 3 4 5 6 7 8 9 10\nintr 12345\n");
            times.add(millis);
            selfNanos.add(selfCpuNanos);
            return this;
        }

        @Override
        public String procStat() {
            return stats.removeFirst();
        }

        @Override
        public String loadavg() throws IOException {
            if (loadavg == null) {
                throw new IOException("no /proc/loadavg");
            }
            return loadavg;
        }

        @Override
        public long selfCpuNanos() {
            return selfNanos.removeFirst();
        }

        @Override
        public long nowMillis() {
            return times.removeFirst();
        }
    }

    /** Two readings 4 s apart with {@code busyTicks} more busy ticks in between (10 ms each). */
    private static RunResult.MachineLoad window(long busyTicks, long stealTicks, long selfNanos, Double server, Double client) {
        FakeProc proc = new FakeProc()
                .at(1_000, 1_000, 500, 90_000, 0, 0)
                .at(5_000, 1_000 + busyTicks - stealTicks, 500, 90_400, stealTicks, selfNanos);
        try (MachineCpu m = new MachineCpu(proc, 0)) {
            m.sampleNow();
            return m.load(1_000, 5_000, server, client, THRESHOLD);
        }
    }

    @Test
    void aQuietMachineHasNoOutsideCpuAndIsNotDisturbed() {
        // 4 s: 680 ticks busy = 170 % of a core; server 120 %, client 45 %, compare 5 % (0.2 s) -> 0 outside.
        RunResult.MachineLoad m = window(680, 0, 200_000_000L, 120.0, 45.0);
        assertEquals(170, m.machineBusyPercentOfOneCore(), EXACT);
        assertEquals(0, m.outsideCpuPercentOfOneCore(), EXACT);
        assertFalse(m.disturbed());
        assertEquals(1.5, m.loadAverage1m(), EXACT);
        assertEquals(THRESHOLD, m.disturbedAbovePercent(), EXACT);
        assertEquals("", m.note());
    }

    @Test
    void aHogAboveTheThresholdDisturbsTheRun() {
        // 200 ticks more than the run's own processes used over 4 s: 50 % of a core outside.
        RunResult.MachineLoad m = window(880, 0, 200_000_000L, 120.0, 45.0);
        assertEquals(50, m.outsideCpuPercentOfOneCore(), EXACT);
        assertTrue(m.disturbed());
    }

    @Test
    void outsideAtTheThresholdIsNotDisturbedJustAboveItIs() {
        assertFalse(MachineCpu.account(1000, 10, 0, 0, 0.0, 0.0, null, 10).disturbed());     // exactly 10 %
        assertTrue(MachineCpu.account(1000, 11, 0, 0, 0.0, 0.0, null, 10).disturbed());      // 11 %
    }

    @Test
    void stealCountsAsOutsideAndIsRecordedApart() {
        // 40 of the 720 busy ticks were stolen by the hypervisor: 10 % of a core, all of it outside.
        RunResult.MachineLoad m = window(720, 40, 200_000_000L, 120.0, 45.0);
        assertEquals(10, m.stealPercentOfOneCore(), EXACT);
        assertEquals(10, m.outsideCpuPercentOfOneCore(), EXACT);
        assertFalse(m.disturbed());
    }

    @Test
    void aSmallNegativeFromTickRoundingReadsZeroALargeOneIsAbsentWithTheReason() {
        // 3 % of a core below zero: inside the tolerance, rounding of 10 ms ticks.
        RunResult.MachineLoad small = window(668, 0, 200_000_000L, 120.0, 45.0);
        assertEquals(0, small.outsideCpuPercentOfOneCore(), EXACT);
        assertEquals("", small.note());
        // 40 % below: the server or client was counted twice, or the windows do not line up.
        RunResult.MachineLoad large = window(520, 0, 200_000_000L, 120.0, 45.0);
        assertNull(large.outsideCpuPercentOfOneCore());
        assertFalse(large.disturbed());
        assertTrue(large.note().contains("accounting off"), large.note());
        assertEquals(130, large.machineBusyPercentOfOneCore(), EXACT);
    }

    @Test
    void withoutTheClientsOwnCpuOutsideIsAbsentNotZero() {
        RunResult.MachineLoad m = window(880, 0, 0, 120.0, null);
        assertNull(m.outsideCpuPercentOfOneCore());
        assertFalse(m.disturbed());
        assertEquals(220, m.machineBusyPercentOfOneCore(), EXACT);
        assertTrue(m.note().contains("does not report its own CPU"), m.note());
    }

    @Test
    void theWindowEdgesAreInterpolatedBetweenReadings() {
        // Readings at 0, 2 s and 6 s; the machine is 100 % busy in [0, 2] and 200 % in [2, 6]. The
        // window [1 s, 5 s] holds 1 s at 100 % and 3 s at 200 %: 7 core-seconds in 4 s, 175 % of a core.
        FakeProc proc = new FakeProc()
                .at(0, 0, 0, 0, 0, 0)
                .at(2_000, 200, 0, 200, 0, 0)
                .at(6_000, 1_000, 0, 200, 0, 0);
        try (MachineCpu m = new MachineCpu(proc, 0)) {
            m.sampleNow();
            m.sampleNow();
            RunResult.MachineLoad load = m.load(1_000, 5_000, 100.0, 75.0, THRESHOLD);
            assertEquals(175, load.machineBusyPercentOfOneCore(), EXACT);
            assertEquals(0, load.outsideCpuPercentOfOneCore(), EXACT);
        }
    }

    @Test
    void aGarbledProcStatOrMissingLoadavgLeavesFiguresAbsent() {
        FakeProc proc = new FakeProc();
        proc.stats.add("cpu  garbage\n");
        proc.times.add(0L);
        proc.selfNanos.add(0L);
        proc.loadavg = null;
        try (MachineCpu m = new MachineCpu(proc, 0)) {
            RunResult.MachineLoad load = m.load(0, 1_000, 100.0, 50.0, THRESHOLD);
            assertNull(load.outsideCpuPercentOfOneCore());
            assertNull(load.machineBusyPercentOfOneCore());
            assertNull(load.loadAverage1m());
            assertFalse(load.disturbed());
        }
        assertTrue(MachineCpu.parse("cpu  1 2 3\n", 0, 0).isEmpty(), "a cpu line without steal is too old to use");
    }
}
