package io.concbench.model.netty;

import io.concbench.harness.NeverReadingClient;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.StatsWait;
import io.concbench.harness.TestClient;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the netty model does beyond the contract: options, the codec variant, per-loop stats, the output cap. */
class NettyModelTest {

    private RunningServer server;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RunningServer start(int loops, Map<String, String> options) throws IOException {
        server = new NettyModel().start(ServerConfig.defaults().withWorkers(loops).withOptions(options));
        return server;
    }

    private TestClient client() throws IOException {
        TestClient c = new TestClient(server.port());
        clients.add(c);
        return c;
    }

    private ServerStats await(Predicate<ServerStats> condition, String what) throws InterruptedException {
        return StatsWait.until(server, condition, what);
    }

    @Test
    void optionsAreCheckedWithMessagesAUserCanActOn() {
        NettyModel model = new NettyModel();
        ServerConfig base = ServerConfig.defaults();
        assertEquals("model 'netty' has no option --accept; it takes: --codec, --max-pending-output, --read-buffer, --transport",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("accept", "shared")))).getMessage());
        assertEquals("--transport must be epoll or nio, got 'kqueue'",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("transport", "kqueue")))).getMessage());
        assertEquals("--codec must be harness or netty, got 'jetty'",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("codec", "jetty")))).getMessage());
        assertEquals("--max-pending-output must be between 4096 and 67108864 bytes, got 100",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("max-pending-output", "100")))).getMessage());
        assertEquals("--read-buffer takes a number of bytes, e.g. --read-buffer 65536; got '16k'",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("read-buffer", "16k")))).getMessage());
    }

    @Test
    void readyFactsNameTheTransportAndTheVariant() throws IOException {
        Map<String, Object> f = start(2, Map.of()).facts();
        String transport = Epoll.isAvailable() ? "epoll" : "nio";
        assertEquals(transport, f.get("transport"), "epoll by default where it loads");
        assertEquals("netty-" + transport, f.get("variant"));
        assertEquals("harness", f.get("codec"));
        assertEquals(2, f.get("loops"));
        assertEquals(65536, f.get("maxPendingOutputBytes"));
        server.close();
        assertEquals("netty-nio+codec", start(1, Map.of("transport", "nio", "codec", "netty")).facts().get("variant"),
                "the codec variant is reported under its own name");
    }

    @Test
    void statsGiveEachLoopItsShare() throws Exception {
        start(2, Map.of());
        for (int i = 0; i < 8; i++) {
            client().exchange("/plaintext");
        }
        ServerStats s = await(st -> st.requests() >= 8, "eight answers");
        assertEquals(List.of("loop-0", "loop-1"), s.workers().stream().map(ServerStats.WorkerShare::name).toList());
        assertEquals(8, s.workers().stream().mapToLong(ServerStats.WorkerShare::connections).sum());
        assertEquals(8, s.workers().stream().mapToLong(ServerStats.WorkerShare::requests).sum());
        assertEquals(java.util.Set.of("pendingOutputOverflows", "ioErrors", "repliesDropped", "unexpectedFailures", "headerTimeouts"),
                s.counters().keySet());
        assertEquals(0L, s.counters().get("pendingOutputOverflows"));
    }

    @Test
    void clientThatNeverReadsIsClosedAtThePendingOutputCap() throws Exception {
        start(1, Map.of("max-pending-output", Integer.toString(16 * 1024)));
        // Far more answers (~13 MB) than loopback's kernel buffers hold, so the cap, not the kernel, decides.
        byte[] flood = "GET /plaintext HTTP/1.1\r\n\r\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        SocketChannel greedy = NeverReadingClient.flood(server, flood);
        try {
            ServerStats s = await(st -> st.connectionsAccepted() == 1 && st.connectionsOpen() == 0,
                    "the greedy connection to be accepted and closed");
            assertEquals(1L, s.counters().get("pendingOutputOverflows"));
            assertEquals(0, s.inFlight());
        } finally {
            greedy.close();
        }
        assertEquals("Hello, World!", client().exchange("/plaintext").body(), "the server serves on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void codecVariantServesTheSameRoutesAndBytes(String transport) throws IOException {
        start(1, Map.of("transport", transport, "codec", "netty"));
        TestClient c = client();
        TestClient.Reply r = c.exchange("/plaintext");
        assertEquals(200, r.status());
        assertEquals("Hello, World!", r.body());
        assertEquals(List.of("server", "content-type", "content-length", "date"), List.copyOf(r.headers().keySet()));
        assertEquals("{\"message\":\"Hello, World!\"}", c.exchange("/json").body());
        assertEquals(c.exchange("/cpu?n=1000").body(), c.exchange("/cpu?n=1000").body());
    }

    @Test
    void codecVariantAnswersPipelinedRequestsAndWaitsInOrder() throws IOException {
        start(1, Map.of("codec", "netty"));
        TestClient c = client();
        c.send(TestClient.get("/io?ms=100") + TestClient.get("/plaintext") + TestClient.get("/io?ms=1") + TestClient.get("/json"));
        assertEquals("OK", c.read().body());
        assertEquals("Hello, World!", c.read().body());
        assertEquals("OK", c.read().body());
        assertEquals("{\"message\":\"Hello, World!\"}", c.read().body());
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append(TestClient.get("/plaintext"));
        }
        c.send(batch.toString());
        for (int i = 0; i < 16; i++) {
            assertEquals("Hello, World!", c.read().body(), "response " + i);
        }
    }

    @Test
    void codecVariantClosesAsTheRequestAsks() throws IOException {
        start(1, Map.of("codec", "netty"));
        TestClient close = client();
        TestClient.Reply r = close.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
        assertEquals("close", r.header("Connection"));
        assertTrue(close.closedByServer());
        TestClient old = client();
        assertEquals("keep-alive", old.send("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().header("Connection"));
        assertEquals("close", old.send("GET /plaintext HTTP/1.0\r\n\r\n").read().header("Connection"));
        assertTrue(old.closedByServer());
    }

    @Test
    void codecVariantRefusesBadInputAndCountsIt() throws IOException {
        start(1, Map.of("codec", "netty"));
        TestClient garbage = client();
        TestClient.Reply r = garbage.send("GET /plaintext HTTP/1.1\r\nHost x\r\n\r\n").read();
        assertEquals(400, r.status());
        assertEquals("close", r.header("Connection"));
        assertTrue(garbage.closedByServer());
        TestClient huge = client();
        assertEquals(431, huge.send("GET /plaintext HTTP/1.1\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n").read().status());
        assertTrue(huge.closedByServer());
        TestClient post = client();
        assertEquals(405, post.send("POST /plaintext HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi").read().status(),
                "the App's routing: only GET");
        assertTrue(post.closedByServer());
        TestClient leaves = client();
        leaves.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n");
        leaves.shutdownOutput();
        assertEquals(-1, leaves.readByte(), "a client that half-closes mid-head asked nothing and gets nothing");
        TestClient nope = client();
        assertEquals(404, nope.exchange("/nope").status());
        assertTrue(server.stats().badRequests() >= 3);
        assertEquals("Hello, World!", client().exchange("/plaintext").body(), "the server serves on");
    }

    @Test
    void codecVariantTimesOutAHeadThatNeverEnds() throws Exception {
        server = new NettyModel().start(ServerConfig.defaults().withWorkers(1)
                .withLimits(io.concbench.harness.http.HttpLimits.DEFAULTS.withHeaderTimeoutMillis(300))
                .withOptions(Map.of("codec", "netty")));
        TestClient slow = client();
        slow.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        TestClient.Reply r = slow.read();
        assertEquals(408, r.status());
        assertEquals("close", r.header("Connection"));
        assertTrue(slow.closedByServer());
        assertEquals(1L, server.stats().counters().get("headerTimeouts"));
        TestClient idle = client();
        assertEquals(200, idle.exchange("/plaintext").status());
        Thread.sleep(600);                                // idle between requests: no timeout applies
        assertEquals(200, idle.exchange("/plaintext").status());
    }
}
