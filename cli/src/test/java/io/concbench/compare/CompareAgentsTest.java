package io.concbench.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** compare drives a cell with load agents exactly when one client process could not open its connections. */
class CompareAgentsTest {

    @Test
    void agentsOnlyBeyondOneProcesssOpenFileLimit() {
        assertEquals(1, CompareRunner.agentsFor(100, 20_000));
        assertEquals(1, CompareRunner.agentsFor(19_000, 20_000));
        assertEquals(2, CompareRunner.agentsFor(19_001, 20_000));
        assertEquals(6, CompareRunner.agentsFor(100_000, 20_000));
        assertEquals(1, CompareRunner.agentsFor(100_000, -1), "limit unknown: one client, which then says what failed");
    }
}
