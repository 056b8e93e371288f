package io.concbench.model.epoll;

import io.concbench.harness.NeverReadingClient;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.TestClient;
import io.concbench.harness.http.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the epoll model does beyond the contract: no state for idle connections, fds given back, its options. */
class EpollModelTest {

    private static final long AWAIT_MILLIS = 15_000;

    private EpollServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (TestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private EpollServer start(ServerConfig config) throws IOException {
        server = EpollServer.start(config, EpollOptions.from(config, "epoll"), System::nanoTime);
        return server;
    }

    private TestClient client() throws IOException {
        TestClient c = new TestClient(server.port());
        clients.add(c);
        return c;
    }

    private int withState() {
        return server.loops().stream().mapToInt(EpollLoop::connectionsWithState).sum();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void idleKeepAliveConnectionsHoldNoStateObject() throws Exception {
        start(ServerConfig.defaults().withWorkers(2));
        for (int i = 0; i < 100; i++) {
            assertEquals(200, client().exchange("/plaintext").status());
        }
        await(() -> server.stats().connectionsOpen() == 100, "100 open connections");
        assertEquals(0, withState(), "an idle keep-alive connection is only an fd");
        for (TestClient c : clients) {
            assertEquals("Hello, World!", c.exchange("/plaintext").body(), "and is served again");
        }
    }

    @Test
    void aPartialHeadKeepsStateUntilItTimesOutWith408() throws Exception {
        start(ServerConfig.defaults().withWorkers(1).withLimits(HttpLimits.DEFAULTS.withHeaderTimeoutMillis(500)));
        TestClient partial = client();
        partial.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n");
        await(() -> withState() == 1, "the partial head's state");
        assertEquals(200, client().exchange("/plaintext").status(), "served beside it");
        TestClient.Reply r = partial.read();
        assertEquals(408, r.status());
        assertEquals("close", r.header("Connection"));
        assertTrue(partial.closedByServer());
        await(() -> withState() == 0, "the state dropped after close");
        assertEquals(1L, server.stats().counters().get("headerTimeouts"));
    }

    @Test
    void aHeadCompletedInTwoReadsIsServedAndItsStateDropped() throws Exception {
        start(ServerConfig.defaults().withWorkers(1));
        TestClient c = client();
        c.send("GET /plaintext HTTP/1.1\r\n");
        await(() -> withState() == 1, "the partial head's state");
        c.send("Host: x\r\n\r\n");
        assertEquals("Hello, World!", c.read().body());
        await(() -> withState() == 0, "no state once idle");
    }

    @Test
    void closeGivesBackEveryFileDescriptor() throws Exception {
        long before = openFds();
        start(ServerConfig.defaults().withWorkers(2));
        for (int i = 0; i < 50; i++) {
            client().exchange("/plaintext");
        }
        client().send("GET /plaintext HTTP/1.1\r\nHost: x\r\n");          // a partial head: a connection with state
        client().send(TestClient.get("/io?ms=60000"));                     // a delayed reply: out of the epoll set
        await(() -> server.stats().connectionsOpen() == 52, "52 open connections");
        server.close();
        for (TestClient c : clients) {
            assertTrue(c.closedByServer());
            c.close();
        }
        clients.clear();
        assertEquals(0, server.stats().connectionsOpen());
        await(() -> openFds() == before, "the fd count back to " + before + " (now " + openFds() + ")");
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientThatNeverReadsIsClosedAtThePendingOutputCap() throws Exception {
        int cap = 16 * 1024;
        // Small kernel buffers on both sides so the cap, not the kernel, decides: 10,000 answers are ~1.3 MB.
        ServerConfig config = ServerConfig.defaults().withWorkers(1)
                .withOptions(Map.of("max-pending-output", Integer.toString(cap), "send-buffer", "4096"));
        start(config);
        byte[] flood = "GET /plaintext HTTP/1.1\r\n\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        SocketChannel greedy = NeverReadingClient.flood(server, flood);
        try {
            await(() -> server.stats().connectionsAccepted() == 1 && server.stats().connectionsOpen() == 0,
                    "the greedy connection to be accepted and closed");
            Map<String, Long> counters = server.stats().counters();
            assertEquals(1L, counters.get("pendingOutputOverflows"));
            assertTrue(counters.get("pendingOutputPeakBytes") <= cap, "held " + counters.get("pendingOutputPeakBytes"));
            assertEquals(0L, counters.get("pendingOutputBytes"));
            assertEquals(0, server.stats().inFlight());
        } finally {
            greedy.close();
        }
        assertEquals("Hello, World!", client().exchange("/plaintext").body(), "the server serves on");
        assertEquals(0, withState());
    }

    @Test
    void pipelinedIoAndPlaintextKeepOrder() throws Exception {
        start(ServerConfig.defaults().withWorkers(1));
        TestClient c = client();
        c.send(TestClient.get("/io?ms=300") + TestClient.get("/plaintext") + TestClient.get("/io?ms=20")
                + TestClient.get("/cpu?n=10") + TestClient.get("/io?ms=0") + TestClient.get("/plaintext"));
        assertEquals("OK", c.read().body());
        assertEquals("Hello, World!", c.read().body());
        assertEquals("OK", c.read().body());
        assertTrue(c.read().body().matches("[0-9a-f]{1,16}"));
        assertEquals("OK", c.read().body());
        assertEquals("Hello, World!", c.read().body());
        assertEquals("Hello, World!", c.exchange("/plaintext").body(), "the connection stays usable");
        await(() -> withState() == 0, "no state once idle");
    }

    @Test
    void halfClosedClientStillGetsWhatItAskedFor() throws Exception {
        start(ServerConfig.defaults().withWorkers(1));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write((TestClient.get("/io?ms=100") + TestClient.get("/plaintext"))
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String replies = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(replies.contains("\r\n\r\nOK") && replies.endsWith("\r\n\r\nHello, World!"), replies);
        }
        await(() -> server.stats().connectionsOpen() == 0, "the half-closed connection to be closed");
    }

    @Test
    void everyConnectionIsCountedOnTheLoopThatAcceptedItAndCountersKeepTheirNames() throws Exception {
        start(ServerConfig.defaults().withWorkers(2));
        for (int i = 0; i < 200; i++) {
            assertEquals(200, client().exchange("/plaintext").status());
        }
        ServerStats s = server.stats();
        assertEquals(List.of("loop-0", "loop-1"), s.workers().stream().map(ServerStats.WorkerShare::name).toList());
        assertEquals(200L, s.workers().stream().mapToLong(ServerStats.WorkerShare::connections).sum());
        assertEquals(200L, s.workers().stream().mapToLong(ServerStats.WorkerShare::requests).sum());
        assertTrue(s.counters().keySet().containsAll(List.of("pendingOutputOverflows", "pendingOutputBytes",
                "pendingOutputPeakBytes", "ioErrors", "acceptFailures", "repliesDropped", "unexpectedFailures",
                "loopFailures")), s.counters().toString());
        for (String zero : List.of("pendingOutputOverflows", "pendingOutputBytes", "ioErrors", "acceptFailures",
                "repliesDropped", "unexpectedFailures", "loopFailures")) {
            assertEquals(0L, s.counters().get(zero), zero);
        }
    }

    @Test
    void factsNameTheTransport() throws IOException {
        start(ServerConfig.defaults().withWorkers(3));
        assertEquals(3, server.facts().get("loops"));
        assertEquals("epoll via java.lang.foreign", server.facts().get("transport"));
        assertEquals(16384, server.facts().get("readBufferBytes"));
    }

    @Test
    void badOptionsAreRefusedWithOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EpollModel()
                .start(ServerConfig.defaults().withOptions(Map.of("read-buffer", "lots"))));
        assertEquals("--read-buffer takes a number of bytes, e.g. --read-buffer 65536; got 'lots'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpollModel()
                .start(ServerConfig.defaults().withOptions(Map.of("accept", "shared"))));
    }

    @Test
    void aBusyPortFailsWithItsAddress() throws IOException {
        start(ServerConfig.defaults().withWorkers(1));
        IOException e = assertThrows(IOException.class,
                () -> new EpollModel().start(ServerConfig.defaults().withPort(server.port())).close());
        assertEquals("bind 127.0.0.1:" + server.port() + ": EADDRINUSE (address already in use)", e.getMessage());
    }
}
