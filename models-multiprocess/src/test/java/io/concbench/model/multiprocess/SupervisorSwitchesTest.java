package io.concbench.model.multiprocess;

import io.concbench.harness.ServerStats;
import io.concbench.harness.probe.ContextSwitches;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SupervisorSwitchesTest {

    private static final ServerStats W1 = ServerStats.NONE.withContextSwitches(new ContextSwitches(100, 10));
    private static final ServerStats W2 = ServerStats.NONE.withContextSwitches(new ContextSwitches(200, 20));
    private static final Optional<ContextSwitches> SELF = Optional.of(new ContextSwitches(5, 1));
    private static final Optional<ContextSwitches> REAPED = Optional.of(new ContextSwitches(50, 2));

    @Test
    void treeIsSupervisorPlusExitedWorkersPlusLiveWorkers() {
        assertEquals(new ContextSwitches(355, 33), Supervisor.treeSwitches(SELF, REAPED, of(W1, W2), 2));
    }

    @Test
    void unknownWhenAWorkerDidNotAnswerOrCannotCount() {
        assertNull(Supervisor.treeSwitches(SELF, REAPED, of(W1), 2));
        assertNull(Supervisor.treeSwitches(SELF, REAPED, of(W1, ServerStats.NONE), 2));
        assertNull(Supervisor.treeSwitches(Optional.empty(), REAPED, of(W1, W2), 2));
        assertNull(Supervisor.treeSwitches(SELF, Optional.empty(), of(W1, W2), 2));
    }

    private static Map<Long, ServerStats> of(ServerStats... stats) {
        Map<Long, ServerStats> m = new LinkedHashMap<>();
        List.of(stats).forEach(s -> m.put(100L + m.size(), s));
        return m;
    }
}
