package io.concbench.harness.blocking;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.TestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's list of open connections: whichever closes first, close() still reaches every other one. */
class BlockingServerTest {

    private static final Dispatcher VIRTUAL = new Dispatcher() {
        @Override
        public boolean dispatch(Runnable connection) {
            Thread.ofVirtual().start(connection);
            return true;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public Map<String, Object> facts() {
            return Map.of();
        }
    };

    @Test
    void closeReachesEveryConnectionLeftAfterTheNewestOldestAndAMiddleOneClosed() throws Exception {
        BlockingServer server = BlockingServer.start("test", ServerConfig.defaults(), VIRTUAL);
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                TestClient c = new TestClient(server.port());
                assertEquals(200, c.exchange("/plaintext").status());   // served, so tracked
                clients.add(c);
            }
            for (int i : new int[] {5, 0, 2}) {                          // newest, oldest, a middle one
                clients.get(i).close();
            }
            awaitOpen(server, 3);
            clients.get(3).send(TestClient.get("/io?ms=60000"));       // one waits in /io: close() must wake it
            assertTimeoutPreemptively(Duration.ofSeconds(20), server::close);
            assertEquals(0, server.stats().connectionsOpen());
            for (int i : new int[] {1, 3, 4}) {
                assertTrue(clients.get(i).closedByServer(), "connection " + i + " left open by close()");
            }
        } finally {
            server.close();
            for (TestClient c : clients) {
                c.close();
            }
        }
    }

    private static void awaitOpen(BlockingServer server, long open) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.stats().connectionsOpen() != open && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(open, server.stats().connectionsOpen());
    }
}
