package io.concbench.model.multiprocess;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultiprocessOptionsTest {

    @Test
    void defaultIsReactorWithOneLoopPerWorker() {
        MultiprocessOptions o = MultiprocessOptions.of(Map.of());
        assertEquals("reactor", o.inner());
        assertEquals(1, o.innerWorkers());
        assertEquals(Map.of(), o.innerOptions());
        assertEquals(MultiprocessOptions.DEFAULT_READY_TIMEOUT, o.readyTimeout());
        assertTrue(o.cds());
        assertFalse(MultiprocessOptions.of(Map.of("cds", "off")).cds());
    }

    @Test
    void anotherInnerModelKeepsItsOwnDefaultWorkers() {
        assertEquals(0, MultiprocessOptions.of(Map.of("inner", "threadpool")).innerWorkers());
        assertEquals(4, MultiprocessOptions.of(Map.of("inner", "threadpool", "inner-workers", "4")).innerWorkers());
    }

    @Test
    void unknownOptionsGoToTheInnerModel() {
        MultiprocessOptions o = MultiprocessOptions.of(Map.of("inner", "reactor", "accept", "reuseport", "ready-timeout-seconds", "5"));
        assertEquals(Map.of("accept", "reuseport"), o.innerOptions());
        assertEquals(5, o.readyTimeout().toSeconds());
    }

    @Test
    void badValuesSayWhatToType() {
        assertEquals("--inner-workers must be a whole number, got 'two'",
                assertThrows(IllegalArgumentException.class, () -> MultiprocessOptions.of(Map.of("inner-workers", "two"))).getMessage());
        assertEquals("--inner-workers must be 0 (the inner model's default) or more, got -1",
                assertThrows(IllegalArgumentException.class, () -> MultiprocessOptions.of(Map.of("inner-workers", "-1"))).getMessage());
        assertEquals("--cds must be on or off, got 'yes'",
                assertThrows(IllegalArgumentException.class, () -> MultiprocessOptions.of(Map.of("cds", "yes"))).getMessage());
        assertEquals("--ready-timeout-seconds must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> MultiprocessOptions.of(Map.of("ready-timeout-seconds", "0"))).getMessage());
    }
}
