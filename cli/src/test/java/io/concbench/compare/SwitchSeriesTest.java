package io.concbench.compare;

import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchSeriesTest {

    private static PerfStat.TimedLine line(long readAt, String text) {
        return new PerfStat.TimedLine(readAt, text);
    }

    @Test
    void perfIntervalsBecomeCumulativeCountsOnTheWallClock() {
        List<PerfStat.Point> points = PerfStat.parse(List.of(
                line(10_000, "WARNING: Ignored open failure for pid 23812"),
                line(10_105, "     0.100000000,4584,,context-switches,40843349,100.00,,"),
                line(10_106, "     0.100000000,451,,cpu-migrations,40843349,100.00,,"),
                line(10_230, "     0.200000000,<not counted>,,context-switches,0,100.00,,"),
                line(10_230, "     0.200000000,<not counted>,,cpu-migrations,0,100.00,,"),
                line(10_260, "     0.250000000,16,,context-switches,16328576,100.00,,"),
                line(10_260, "     0.250000000,2,,cpu-migrations,16328576,100.00,,")));
        // origin: the line read with the least delay, 10_105 - 100 = 10_005
        assertEquals(List.of(new PerfStat.Point(10_005, 0, 0), new PerfStat.Point(10_105, 4584, 451),
                new PerfStat.Point(10_205, 4584, 451), new PerfStat.Point(10_255, 4600, 453)), points);
    }

    @Test
    void perfThatCannotCountGivesNothing() {
        assertEquals(List.of(), PerfStat.parse(List.of(line(1, "Error: No permission to enable context-switches event."))));
        assertEquals(List.of(), PerfStat.parse(List.of(line(1, "0.1,<not supported>,,context-switches,0,100.00,,"))));
    }

    @Test
    void aWindowCutFromANonDecreasingSeriesIsNeverNegative() {
        List<PerfStat.Point> series = List.of(new PerfStat.Point(1000, 0, 0), new PerfStat.Point(2000, 100, 1),
                new PerfStat.Point(2000, 100, 1), new PerfStat.Point(3000, 100, 1), new PerfStat.Point(4000, 400, 9));
        for (long from = 500; from < 4500; from += 37) {
            for (long to = from; to < 4500; to += 41) {
                double d = Sampler.delta(series, from, to, PerfStat.Point::epochMillis, PerfStat.Point::contextSwitches);
                assertTrue(d >= 0, from + ".." + to + ": " + d);
            }
        }
        assertEquals(200, Sampler.delta(series, 1500, 3500, PerfStat.Point::epochMillis, PerfStat.Point::contextSwitches), 1e-9);
    }

    @Test
    void aNegativeSwitchFigureIsRefusedNotClamped() {
        assertThrows(IllegalArgumentException.class, () -> new RunResult.ServerFigures(1, 1, -0.0341, 0.0, 1, 1, 1,
                List.of(), RunResult.ServerFigures.SWITCHES_RUSAGE, null, null));
        // older files summed live threads and may hold one: they still load
        RunResult.ServerFigures legacy = new RunResult.ServerFigures(1, 1, -0.0341, 0.0, 1, 1, 1, List.of());
        assertEquals(-0.0341, legacy.voluntarySwitchesPerRequest());
    }
}
