package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connect pacing on a fake clock: the loop's decisions replayed millisecond by millisecond. */
class ConnectPacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long START = 1_000 * MS;

    /**
     * Replays what {@link EventLoop} does with the pacer: at each millisecond, handshakes that took
     * {@code handshakeNanos} finish, then every connection that is due starts while a place is free.
     * Returns each connection's start, in milliseconds after the start.
     */
    private static List<Long> starts(RunPlan plan, int connections, long handshakeNanos) {
        ConnectPacer pacer = new ConnectPacer(plan.connectsInFlightPerLoop());
        List<Long> started = new ArrayList<>();
        List<Long> finishAt = new ArrayList<>();
        int next = 0;
        for (long now = START; next < connections; now += MS) {
            for (int i = finishAt.size() - 1; i >= 0; i--) {
                if (finishAt.get(i) - now <= 0) {
                    finishAt.remove(i);
                    pacer.finished();
                }
            }
            while (next < connections && pacer.mayStart(now, plan.connectAtNanos(next))) {
                pacer.started();
                started.add((now - START) / MS);
                finishAt.add(now + handshakeNanos);
                next++;
            }
        }
        return started;
    }

    private static RunPlan plan(LoadOptions o) {
        return RunPlan.of(o, new InetSocketAddress(1), START);
    }

    @Test
    void aRampAndABoundTogetherStartEachConnectAtTheLaterOfItsTimeAndAFreePlace() {
        // 1,000 connects a second, at most 3 handshakes at once, each taking 5 ms.
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withConnections(10).withConnectRate(1000)
                .withConnectsInFlight(3);
        assertEquals(List.of(0L, 1L, 2L, 5L, 6L, 7L, 10L, 11L, 12L, 15L), starts(plan(o), 10, 5 * MS));
    }

    @Test
    void withoutARampTheBoundAloneLetsThroughOneConnectPerFinishedHandshake() {
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withConnections(1_000).withConnectsInFlight(256);
        List<Long> s = starts(plan(o), 1_000, 2 * MS);
        // 256 at once, then 256 every 2 ms as the previous ones finish: never more than the bound in flight.
        assertEquals(256, s.stream().filter(t -> t == 0).count());
        assertEquals(256, s.stream().filter(t -> t == 2).count());
        assertEquals(256, s.stream().filter(t -> t == 4).count());
        assertEquals(232, s.stream().filter(t -> t == 6).count());
    }

    @Test
    void theBoundIsSharedOutOverTheEventLoops() {
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:1/").withConnections(100).withThreads(4)
                .withConnectsInFlight(256);
        assertEquals(64, plan(o).connectsInFlightPerLoop());
        assertEquals(1, plan(o.withConnectsInFlight(2)).connectsInFlightPerLoop(), "every loop may connect");
    }

    @Test
    void aFullPacerWaitsForAFinishNotForTheClock() {
        ConnectPacer p = new ConnectPacer(1);
        assertTrue(p.mayStart(START, START));
        p.started();
        assertFalse(p.mayStart(START + 10 * MS, START), "due, but the one place is taken");
        p.finished();
        assertTrue(p.mayStart(START + 10 * MS, START));
        assertFalse(p.mayStart(START, START + 1), "not yet due");
        p.finished();
        assertEquals(0, p.inFlight(), "a count is never negative");
    }

    @Test
    void zeroConnectsInFlightIsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.defaults("http://127.0.0.1:1/").withConnectsInFlight(0));
        assertTrue(e.getMessage().contains("--connects-in-flight"), e.getMessage());
    }
}
