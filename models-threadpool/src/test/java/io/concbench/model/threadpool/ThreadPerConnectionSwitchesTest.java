package io.concbench.model.threadpool;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.TestClient;
import io.concbench.harness.probe.ContextSwitches;
import io.concbench.harness.probe.Rusage;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Under connection churn every connection's thread exits: the stats answer must still count its
 * switches (the /proc live-thread sum lost them and went negative, -0.0341 per request).
 */
class ThreadPerConnectionSwitchesTest {

    private static final int CONNECTIONS = 200;
    private static final int REQUESTS_PER_CONNECTION = 3;

    @Test
    void statsCountTheSwitchesOfConnectionThreadsThatExited() throws IOException {
        assumeTrue(Rusage.available(), Rusage.unavailableReason());
        try (RunningServer server = new ThreadPerConnectionModel().start(ServerConfig.defaults())) {
            ContextSwitches rusageBefore = Rusage.self().orElseThrow();
            ServerStats first = server.stats();
            ContextSwitches rusageAfterFirst = Rusage.self().orElseThrow();
            for (int c = 0; c < CONNECTIONS; c++) {
                try (TestClient client = new TestClient(server.port())) {
                    for (int r = 0; r < REQUESTS_PER_CONNECTION; r++) {
                        assertEquals(200, client.exchange("/plaintext").status());
                    }
                }
            }
            ContextSwitches rusageBeforeLast = Rusage.self().orElseThrow();
            ServerStats last = server.stats();
            ContextSwitches rusageAfter = Rusage.self().orElseThrow();

            // the same source as getrusage: each stats figure lies between the readings around it
            between(rusageBefore, first.contextSwitches(), rusageAfterFirst);
            between(rusageBeforeLast, last.contextSwitches(), rusageAfter);

            long voluntary = last.contextSwitches().voluntary() - first.contextSwitches().voluntary();
            long involuntary = last.contextSwitches().involuntary() - first.contextSwitches().involuntary();
            long requests = last.requests() - first.requests();
            System.out.printf("%d connections, %d requests: +%d voluntary, +%d involuntary switches%n",
                    CONNECTIONS, requests, voluntary, involuntary);
            assertEquals((long) CONNECTIONS * REQUESTS_PER_CONNECTION, requests);
            // each connection's thread blocks in read at least once
            assertTrue(voluntary >= CONNECTIONS, "voluntary delta " + voluntary);
            assertTrue(involuntary >= 0);
            // what compare computes from two stats answers
            assertTrue((voluntary + involuntary) / (double) requests >= 0);
        }
    }

    private static void between(ContextSwitches low, ContextSwitches value, ContextSwitches high) {
        assertTrue(low.voluntary() <= value.voluntary() && value.voluntary() <= high.voluntary(),
                low + " <= " + value + " <= " + high);
        assertTrue(low.involuntary() <= value.involuntary() && value.involuntary() <= high.involuntary(),
                low + " <= " + value + " <= " + high);
    }
}
