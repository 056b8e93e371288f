package io.concbench.harness.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimersTest {

    private static final long MS = 1_000_000;

    private static Timer recording(long deadlineNanos, String name, List<String> log) {
        return new Timer(deadlineNanos) {
            @Override
            public void expire() {
                log.add(name);
            }
        };
    }

    @Test
    void expiresDueTimersEarliestFirstAndKeepsTheRest() {
        List<String> log = new ArrayList<>();
        Timers timers = new Timers();
        timers.add(recording(30 * MS, "c", log));
        timers.add(recording(10 * MS, "a", log));
        timers.add(recording(20 * MS, "b", log));
        assertEquals(2, timers.expire(20 * MS));
        assertEquals(List.of("a", "b"), log);
        assertEquals(1, timers.size());
        assertEquals(1, timers.expire(31 * MS));
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void selectTimeoutRoundsUpSoTheLoopNeverWakesEarlyOrBlocksForever() {
        Timers timers = new Timers();
        assertEquals(Timers.NO_TIMER, timers.selectTimeoutMillis(0));
        timers.add(recording(10 * MS + 1, "t", new ArrayList<>()));
        assertEquals(11, timers.selectTimeoutMillis(0));
        assertEquals(1, timers.selectTimeoutMillis(10 * MS));          // 1 ns left: 1 ms, not 0 (= forever)
        assertEquals(0, timers.selectTimeoutMillis(10 * MS + 1));      // due: select must not block
        assertEquals(0, timers.selectTimeoutMillis(20 * MS));
    }

    @Test
    void deadlinesCompareAcrossNanoTimeWraparound() {
        List<String> log = new ArrayList<>();
        Timers timers = new Timers();
        timers.add(recording(Long.MIN_VALUE + 5, "after-wrap", log));
        timers.add(recording(Long.MAX_VALUE - 5, "before-wrap", log));
        assertEquals(1, timers.expire(Long.MAX_VALUE - 1));
        assertEquals(List.of("before-wrap"), log);
        assertEquals(1, timers.selectTimeoutMillis(Long.MAX_VALUE - 1));     // 7 ns left, across the wrap
    }
}
