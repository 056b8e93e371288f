package io.concbench.model.multiprocess;

import io.concbench.harness.ServerStats;
import io.concbench.harness.ServerStats.WorkerShare;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SupervisorSumTest {

    @Test
    void statsAreSummedAndEachWorkersShareKept() {
        Map<Long, ServerStats> byPid = new LinkedHashMap<>();
        byPid.put(101L, new ServerStats(10, 2, 100, 1, 0, 3, 27, List.of(new WorkerShare("loop-1", 10, 100)),
                Map.of("pendingOutputCapClosed", 1L)));
        byPid.put(202L, new ServerStats(20, 5, 300, 2, 4, 6, 23, List.of(), Map.of("pendingOutputCapClosed", 2L, "other", 7L)));

        ServerStats s = Supervisor.sum(byPid, Map.of(Supervisor.WORKER_DEATHS, 1L));

        assertEquals(30, s.connectionsAccepted());
        assertEquals(7, s.connectionsOpen());
        assertEquals(400, s.requests());
        assertEquals(3, s.badRequests());
        assertEquals(4, s.rejected());
        assertEquals(9, s.inFlight());
        assertEquals(50, s.peakInFlight(), "the sum of the workers' peaks");
        assertEquals(List.of(new WorkerShare("pid-101", 10, 100), new WorkerShare("pid-202", 20, 300)), s.workers());
        assertEquals(Map.of("pendingOutputCapClosed", 3L, "other", 7L, Supervisor.WORKER_DEATHS, 1L), s.counters());
    }

    @Test
    void noWorkerAnsweringSumsToZero() {
        ServerStats s = Supervisor.sum(Map.of(), Map.of());
        assertEquals(new ServerStats(0, 0, 0, 0, 0, 0, 0, List.of(), Map.of()), s);
    }
}
