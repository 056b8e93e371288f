package io.concbench.reproduce;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @Test
    void fullIsQuickWithLongerRepeatedRuns() {
        // As results/chapter/2026-11-27T16-53-18Z/experiments.json recorded it before full() was built from quick().
        assertEquals("full: JMH -f 2 -wi 3 -w 1s -i 3 -r 1s, every parameter value; T6: 5 runs per model after 2 s of warm-up; "
                + "sleepers: 6 runs, start budget 60 s; T7: 4 threads × 1,000,000 increments, 2,000 ms per lock; "
                + "T6 timed: 3 rounds × 10 s after 2 s of warm-up; T12 end to end: 5 rounds × 5 s after 2 s of warm-up",
                Settings.full().describe());
        assertEquals(14, Settings.full().jmhSecondsPerBenchmark());
        assertEquals(Duration.ofSeconds(2), Settings.full().jfrDuration());
        assertEquals(Settings.FULL, Settings.full().mode());
    }

    @Test
    void quickIsTheDefault() {
        Settings q = Settings.quick();
        assertEquals("quick: JMH -f 1 -wi 2 -w 300ms -i 3 -r 400ms, only the judged parameter values; T6: 1 run per model after "
                + "1 s of warm-up; sleepers: 3 runs, start budget 20 s; T7: 4 threads × 200,000 increments, 500 ms per lock; "
                + "T6 timed: 3 rounds × 3 s after 1 s of warm-up; T12 end to end: 5 rounds × 2 s after 1 s of warm-up", q.describe());
        assertEquals(3, q.jmhSecondsPerBenchmark());
        assertEquals(Duration.ofSeconds(1), q.jfrDuration());
    }

    @Test
    void roundsAreWholeSecondsAndAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new Settings.Rounds(0, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Settings.Rounds(1, Duration.ofMillis(500), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Settings.Rounds(1, Duration.ofSeconds(1), Duration.ofMillis(1500)));
        assertEquals("1 round × 2 s after 0 s of warm-up", new Settings.Rounds(1, Duration.ofSeconds(2), Duration.ZERO).describe());
    }

    @Test
    void aT6WithoutRunsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Settings.quick().withT6(0, Duration.ZERO));
    }
}
