package io.concbench.harness.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopCountsTest {

    enum Counter { REQUESTS, PENDING, PEAK, WAKEUPS }

    @Test
    void countsAddsKeepsThePeakAndReadsBack() {
        LoopCounts<Counter> c = new LoopCounts<>(Counter.class);
        c.count(Counter.REQUESTS);
        c.count(Counter.REQUESTS);
        c.add(Counter.PENDING, 100);
        c.add(Counter.PENDING, -40);
        c.raise(Counter.PEAK, 7);
        c.raise(Counter.PEAK, 3);
        c.countShared(Counter.WAKEUPS);
        assertEquals(2, c.get(Counter.REQUESTS));
        assertEquals(60, c.get(Counter.PENDING));
        assertEquals(7, c.get(Counter.PEAK));
        assertEquals(1, c.get(Counter.WAKEUPS));
    }
}
