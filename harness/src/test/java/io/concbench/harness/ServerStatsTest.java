package io.concbench.harness;

import io.concbench.harness.ServerStats.WorkerShare;
import io.concbench.harness.result.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerStatsTest {

    private static final ServerStats A = new ServerStats(10, 2, 100, 1, 0, 3, 27,
            List.of(new WorkerShare("loop-0", 10, 100)), Map.of("ioErrors", 1L));
    private static final ServerStats B = new ServerStats(20, 5, 300, 2, 4, 6, 23,
            List.of(new WorkerShare("loop-0", 20, 300)), Map.of("ioErrors", 2L, "other", 7L));

    @Test
    void plusSumsEveryFigureAndEachCounterByName() {
        assertEquals(new ServerStats(30, 7, 400, 3, 4, 9, 50,
                List.of(new WorkerShare("loop-0", 10, 100), new WorkerShare("loop-0", 20, 300)),
                Map.of("ioErrors", 3L, "other", 7L)), A.plus(B));
    }

    @Test
    void noneIsWhereASumStarts() {
        assertEquals(A, ServerStats.NONE.plus(A));
        assertEquals(A, A.plus(ServerStats.NONE));
    }

    @Test
    void nothingOpenKeepsEverythingButOpenConnectionsAndInFlight() {
        assertEquals(new ServerStats(10, 0, 100, 1, 0, 0, 27, A.workers(), A.counters()), A.withNothingOpen());
    }

    @Test
    void withersReplaceOnlyTheirPart() {
        List<WorkerShare> shares = List.of(new WorkerShare("pid-7", 1, 2));
        assertEquals(new ServerStats(10, 2, 100, 1, 0, 3, 27, shares, Map.of("x", 1L)),
                A.withWorkers(shares).withCounters(Map.of("x", 1L)));
    }

    @Test
    void theJsonHasOnlyTheRecordsFields() throws Exception {
        String json = Json.line(ServerStats.NONE);
        assertEquals("{\"connectionsAccepted\":0,\"connectionsOpen\":0,\"requests\":0,\"badRequests\":0,\"rejected\":0,"
                + "\"inFlight\":0,\"peakInFlight\":0,\"workers\":[],\"counters\":{},\"contextSwitches\":null}", json);
        assertEquals(A, Json.MAPPER.readValue(Json.line(A), ServerStats.class));
    }
}
