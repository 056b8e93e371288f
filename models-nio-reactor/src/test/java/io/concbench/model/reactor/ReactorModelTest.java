package io.concbench.model.reactor;

import io.concbench.harness.NeverReadingClient;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerStats;
import io.concbench.harness.StatsWait;
import io.concbench.harness.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the reactor does beyond the contract: one loop's reach, back-pressure, timers, accept modes. */
class ReactorModelTest {

    private static final long AWAIT_MILLIS = 15_000;
    private static final long POLL_MILLIS = 10;

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
        server = new ReactorModel().start(ServerConfig.defaults().withWorkers(loops).withOptions(options));
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
    void oneLoopServesThousandConcurrentConnections() throws Exception {
        int connections = 1_000;
        start(1, Map.of());
        List<TestClient> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(client());
        }
        for (TestClient c : open) {
            c.send(TestClient.get("/plaintext"));
        }
        for (TestClient c : open) {
            assertEquals("Hello, World!", c.read().body());
        }
        ServerStats s = server.stats();
        assertEquals(connections, s.connectionsOpen());
        assertEquals(List.of(new ServerStats.WorkerShare("loop-0", connections, connections)), s.workers());
        assertEquals(0, s.inFlight());
    }

    @Test
    void clientThatNeverReadsIsClosedAtThePendingOutputCap() throws Exception {
        int cap = 16 * 1024;
        // Small kernel buffers on both sides so the cap, not the kernel, decides: 10,000 answers are ~1.3 MB.
        start(1, Map.of("max-pending-output", Integer.toString(cap), "send-buffer", "4096"));
        byte[] flood = "GET /plaintext HTTP/1.1\r\n\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        SocketChannel greedy = NeverReadingClient.flood(server, flood);
        try {
            // The kernel may take the whole flood before the loop even accepts: wait for accept, then close.
            ServerStats s = await(st -> st.connectionsAccepted() == 1 && st.connectionsOpen() == 0,
                    "the greedy connection to be accepted and closed");
            assertEquals(1L, s.counters().get("pendingOutputOverflows"));
            assertTrue(s.counters().get("pendingOutputPeakBytes") <= cap,
                    "held " + s.counters().get("pendingOutputPeakBytes") + " bytes for one connection, cap " + cap);
            assertEquals(0L, s.counters().get("pendingOutputBytes"));
            assertEquals(0, s.inFlight());
        } finally {
            greedy.close();
        }
        assertEquals("Hello, World!", client().exchange("/plaintext").body(), "the server serves on");
    }

    @Test
    void ioWaitOnOneConnectionDoesNotStallAnotherOnTheSameLoop() throws Exception {
        start(1, Map.of());
        try (Socket waiting = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            waiting.getOutputStream().write(TestClient.get("/io?ms=2000").getBytes(StandardCharsets.US_ASCII));
            await(s -> s.inFlight() == 1, "the /io request to be in flight");
            TestClient other = client();
            for (int i = 0; i < 20; i++) {
                assertEquals("Hello, World!", other.exchange("/plaintext").body());
            }
            assertEquals(0, waiting.getInputStream().available(), "the /io reply came before its wait ended");
            assertEquals(1, server.stats().inFlight());
            String reply = readUntil(waiting.getInputStream(), "\r\n\r\nOK");
            assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply);
        }
    }

    @Test
    void pipelinedIoAndPlaintextKeepOrder() throws Exception {
        start(1, Map.of());
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
    }

    @Test
    void halfClosedClientStillGetsWhatItAskedFor() throws Exception {
        start(1, Map.of());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write((TestClient.get("/io?ms=100") + TestClient.get("/plaintext"))
                    .getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String replies = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(replies.contains("\r\n\r\nOK") && replies.endsWith("\r\n\r\nHello, World!"), replies);
        }
        await(st -> st.connectionsOpen() == 0, "the half-closed connection to be closed");
    }

    @Test
    void idleKeepAliveConnectionsHoldNoModelObject() throws Exception {
        start(1, Map.of());
        for (int i = 0; i < 10; i++) {
            TestClient c = client();
            assertEquals("Hello, World!", c.exchange("/plaintext").body());
            if (i < 2) {
                c.send(TestClient.get("/io?ms=60000"));           // two of them wait; the others sit idle
            }
        }
        EventLoop loop = ((ReactorServer) server).loops().get(0);
        long deadline = System.nanoTime() + AWAIT_MILLIS * 1_000_000;
        while (loop.connectionsWithState() != 2 && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS);
        }
        assertEquals(2, loop.connectionsWithState(), "only the connections with an /io reply pending keep state");
        assertEquals(10, server.stats().connectionsOpen());
    }

    @Test
    void sharedAcceptSpreadsConnectionsEvenlyOverLoops() throws Exception {
        start(2, Map.of("accept", "shared"));
        for (int i = 0; i < 100; i++) {
            assertEquals(200, client().exchange("/plaintext").status());
        }
        ServerStats s = server.stats();
        assertEquals(List.of(new ServerStats.WorkerShare("loop-0", 50, 50), new ServerStats.WorkerShare("loop-1", 50, 50)),
                s.workers());
        assertEquals("shared", server.facts().get("accept"));
        assertEquals(2, server.facts().get("loops"));
    }

    @Test
    void statsReportEveryLoopCounterUnderItsPublishedName() throws Exception {
        start(2, Map.of("accept", "shared"));
        for (int i = 0; i < 4; i++) {
            assertEquals(200, client().exchange("/plaintext").status());
        }
        Map<String, Long> c = server.stats().counters();
        assertEquals(Set.of("pendingOutputOverflows", "pendingOutputBytes", "pendingOutputPeakBytes", "ioErrors",
                "acceptFailures", "repliesDropped", "unexpectedFailures", "selectorWakeups", "loopFailures",
                "headerTimeouts"), c.keySet(), "compare and saved runs read these names");
        for (String zero : List.of("pendingOutputOverflows", "pendingOutputBytes", "pendingOutputPeakBytes", "ioErrors",
                "acceptFailures", "repliesDropped", "unexpectedFailures", "loopFailures", "headerTimeouts")) {
            assertEquals(0L, c.get(zero), zero);
        }
    }

    @Test
    void loopCountersAreSummedOverLoopsExceptThePeakWhichIsTheHighest() {
        assertEquals(8, LoopCounter.IO_ERRORS.total(5, 3));
        assertEquals(5, LoopCounter.PENDING_OUTPUT_PEAK_BYTES.total(5, 3));
        assertEquals(7, LoopCounter.PENDING_OUTPUT_PEAK_BYTES.total(0, 7));
        assertEquals(List.of(LoopCounter.values()).subList(2, LoopCounter.values().length), LoopCounter.TOTALS,
                "every counter but the per-loop shares, in order");
    }

    @Test
    void reuseportLoopsListenOnOnePortAndBothServe() throws Exception {
        start(2, Map.of("accept", "reuseport"));
        for (int i = 0; i < 200; i++) {
            assertEquals(200, client().exchange("/plaintext").status());
        }
        List<ServerStats.WorkerShare> shares = server.stats().workers();
        assertEquals(200, shares.get(0).connections() + shares.get(1).connections());
        assertTrue(shares.get(0).connections() > 0 && shares.get(1).connections() > 0, "one loop got nothing: " + shares);
        assertEquals("reuseport", server.facts().get("accept"));
    }

    @Test
    void optionsAreCheckedWithMessagesAUserCanActOn() {
        ReactorModel model = new ReactorModel();
        ServerConfig base = ServerConfig.defaults();
        assertEquals("model 'reactor' has no option --queue; it takes: --accept, --max-pending-output, --read-buffer, --send-buffer",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("queue", "5")))).getMessage());
        assertEquals("--accept must be shared or reuseport, got 'sideways'",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("accept", "sideways")))).getMessage());
        assertEquals("--max-pending-output must be between 4096 and 67108864 bytes, got 100",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("max-pending-output", "100")))).getMessage());
        assertEquals("--read-buffer takes a number of bytes, e.g. --read-buffer 65536; got '16k'",
                assertThrows(IllegalArgumentException.class, () -> model.start(base.withOptions(Map.of("read-buffer", "16k")))).getMessage());
    }

    /** Reads until the bytes read end with {@code end}; fails on EOF. */
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection ended after: " + sb);
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
