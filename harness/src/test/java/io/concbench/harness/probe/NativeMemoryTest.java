package io.concbench.harness.probe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeMemoryTest {

    @Test
    void parsesTotalAndThreadStacks() {
        String out = """
                Native Memory Tracking:

                Total: reserved=7736192KB, committed=462948KB
                       malloc: 22212KB #98765
                -                    Thread (reserved=12340KB, committed=564KB)
                                            (threads #24)
                                            (stack: reserved=12288KB, committed=512KB, peak=512KB)
                """;
        NativeMemory.Summary s = NativeMemory.parse(out).orElseThrow();
        assertEquals(462948L * 1024, s.committedBytes());
        assertEquals(512L * 1024, s.threadStackCommittedBytes());
        assertEquals(24, s.threads());
    }

    @Test
    void emptyWhenTrackingIsOff() {
        assertTrue(NativeMemory.parse("Native memory tracking is not enabled").isEmpty());
        assertTrue(NativeMemory.summary().isEmpty(), "tests run without -XX:NativeMemoryTracking");
    }
}
