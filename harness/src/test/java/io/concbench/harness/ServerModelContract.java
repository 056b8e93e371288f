package io.concbench.harness;

import io.concbench.harness.TestClient.Reply;
import io.concbench.harness.hostile.CaseCheck;
import io.concbench.harness.hostile.HostileCorpus;
import io.concbench.harness.hostile.HostileRun;
import io.concbench.harness.http.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every model must do, asserted on exact bytes, statuses and counters. A model's test is a
 * subclass naming the model; a new model gets the whole suite by writing that subclass.
 * Servers bind port 0 on loopback. No assertion depends on speed.
 */
public abstract class ServerModelContract {

    /** The model under test. */
    protected abstract ServerModel model();

    /** Adjusts the configuration every test starts from; the default is {@link ServerConfig#defaults()}. */
    protected ServerConfig config(ServerConfig base) {
        return base;
    }

    protected RunningServer server;

    @BeforeEach
    void start() throws IOException {
        server = model().start(config(ServerConfig.defaults()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestClient connect() throws IOException {
        return new TestClient(server.port());
    }

    // ---- routes -------------------------------------------------------------------------------

    @Test
    void plaintextAnswersHelloWorld() throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.exchange("/plaintext");
            assertEquals(200, r.status());
            assertEquals("Hello, World!", r.body());
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals("13", r.header("Content-Length"));
            assertEquals("concbench", r.header("Server"));
            assertTrue(r.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), r.header("Date"));
            assertEquals(null, r.header("Connection"));
            assertEquals(List.of("server", "content-type", "content-length", "date"), List.copyOf(r.headers().keySet()));
        }
    }

    @Test
    void jsonAnswersMessage() throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.exchange("/json");
            assertEquals(200, r.status());
            assertEquals("{\"message\":\"Hello, World!\"}", r.body());
            assertEquals("application/json", r.header("Content-Type"));
        }
    }

    @Test
    void ioAnswersAfterItsWait() throws IOException {
        try (TestClient c = connect()) {
            long start = System.nanoTime();
            Reply r = c.exchange("/io?ms=50");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, r.status());
            assertEquals("OK", r.body());
            assertTrue(tookMillis >= 49, "answered after " + tookMillis + " ms, before the 50 ms wait ended");
            assertEquals(200, c.exchange("/io?ms=0").status());
        }
    }

    @Test
    void cpuAnswersTheSameHashForTheSameRounds() throws IOException {
        try (TestClient c = connect()) {
            Reply a = c.exchange("/cpu?n=1000");
            Reply b = c.exchange("/cpu?n=1000");
            Reply zero = c.exchange("/cpu?n=0");
            assertEquals(200, a.status());
            assertTrue(a.body().matches("[0-9a-f]{1,16}"), a.body());
            assertEquals(a.body(), b.body());
            assertTrue(!a.body().equals(zero.body()));
        }
    }

    static Stream<String> badParameters() {
        return Stream.of("/io", "/io?ms=", "/io?ms=abc", "/io?ms=-1", "/io?ms=60001", "/io?msec=5",
                "/cpu", "/cpu?n=x", "/cpu?n=10000001");
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void badParameterGets400AndClose(String target) throws IOException {
        try (TestClient c = connect()) {
            assertEquals(400, c.exchange(target).status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unknownRouteGets404AndClose() throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.exchange("/nope");
            assertEquals(404, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    // ---- connection handling -----------------------------------------------------------------

    @Test
    void thousandSequentialRequestsOnOneConnection() throws IOException {
        try (TestClient c = connect()) {
            for (int i = 0; i < 1000; i++) {
                Reply r = c.exchange("/plaintext");
                assertEquals(200, r.status());
                assertEquals("Hello, World!", r.body());
            }
        }
        assertTrue(server.stats().requests() >= 1000);
    }

    @Test
    void sixteenPipelinedRequestsAnsweredInOrder() throws IOException {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append(TestClient.get(i % 2 == 0 ? "/plaintext" : "/json"));
        }
        try (TestClient c = connect()) {
            c.send(batch.toString());
            for (int i = 0; i < 16; i++) {
                Reply r = c.read();
                assertEquals(200, r.status());
                assertEquals(i % 2 == 0 ? "Hello, World!" : "{\"message\":\"Hello, World!\"}", r.body(), "response " + i);
            }
        }
    }

    @Test
    void pipelinedWaitDoesNotReorderAnswers() throws IOException {
        try (TestClient c = connect()) {
            c.send(TestClient.get("/io?ms=100") + TestClient.get("/plaintext") + TestClient.get("/io?ms=1") + TestClient.get("/json"));
            assertEquals("OK", c.read().body());
            assertEquals("Hello, World!", c.read().body());
            assertEquals("OK", c.read().body());
            assertEquals("{\"message\":\"Hello, World!\"}", c.read().body());
        }
    }

    @Test
    void requestWrittenOneByteAtATime() throws IOException {
        try (TestClient c = connect()) {
            c.trickle("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n");
            assertEquals("Hello, World!", c.read().body());
            c.trickle("GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(200, c.read().status());
        }
    }

    @Test
    void twoHundredConnectionsTimesFiftyRequests() throws Exception {
        int connections = 200;
        int perConnection = 50;
        AtomicInteger ok = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                done.add(clients.submit(() -> {
                    try (TestClient c = connect()) {
                        for (int j = 0; j < perConnection; j++) {
                            Reply r = c.exchange("/plaintext");
                            if (r.status() == 200 && r.body().equals("Hello, World!")) {
                                ok.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(connections * perConnection, ok.get());
        assertTrue(server.stats().requests() >= connections * perConnection);
        assertTrue(server.stats().connectionsAccepted() >= connections);
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.send("GET /plaintext HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
        try (TestClient c = connect()) {
            for (int i = 0; i < 3; i++) {
                Reply r = c.send("GET /plaintext HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("keep-alive", r.header("Connection"));
            }
        }
    }

    @Test
    void bodyWithinLimitIsReadAndDiscarded() throws IOException {
        try (TestClient c = connect()) {
            c.send("GET /plaintext HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789" + TestClient.get("/json"));
            assertEquals("Hello, World!", c.read().body());
            assertEquals("{\"message\":\"Hello, World!\"}", c.read().body());
        }
    }

    // ---- errors --------------------------------------------------------------------------------

    static List<HostileCorpus.Case> corpus() {
        return HostileCorpus.cases();
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    /**
     * Every corpus case on its own connection, one server for all (a server per case would cost a JVM
     * start per case for multiprocess), with a healthy keep-alive connection checked before the corpus
     * and after each case. The sending and comparing is {@link HostileRun}'s, the one `concbench
     * hostile` uses; each case's deviation is reported on its own.
     */
    @Test
    void everyHostileInputGetsItsDocumentedAnswerWhileAHealthyConnectionIsServed() throws IOException {
        List<HostileCorpus.Case> cases = corpus();
        HostileRun.Result result = new HostileRun(address(), "/plaintext", "Hello, World!", TestClient.READ_TIMEOUT_MILLIS).run(cases);
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (HostileRun.Outcome o : result.cases()) {
            checks.add(() -> assertEquals(List.of(), o.deviations(), o.hostileCase().name()));
        }
        checks.add(() -> assertEquals(List.of(), result.healthyMisses(), "healthy connection"));
        checks.add(() -> assertEquals(cases.size() + 1, result.healthyAnswered(), "healthy answers"));
        checks.add(() -> assertTrue(result.stillAnswering(), "server still answering after the corpus"));
        checks.add(() -> assertEquals(cases.size(), result.cases().size()));
        org.junit.jupiter.api.Assertions.assertAll(checks);
        assertTrue(server.stats().badRequests() >= 50, "bad requests are counted");
    }

    @Test
    void serverStillServesAfterHundredMalformedRequests() throws IOException {
        List<HostileCorpus.Case> cases = corpus().stream().filter(c -> !c.endsEarly()).toList();
        CaseCheck check = new CaseCheck(address(), TestClient.READ_TIMEOUT_MILLIS);
        for (int i = 0; i < 100; i++) {
            HostileCorpus.Case c = cases.get(i % cases.size());
            assertEquals(List.of(), check.check(c), c.name());
        }
        try (TestClient c = connect()) {
            assertEquals("Hello, World!", c.exchange("/plaintext").body());
        }
        assertTrue(server.stats().badRequests() >= 90);
    }

    // ---- slow clients and overload --------------------------------------------------------------

    /** Slowloris connections in the test; with their server ends they stay far under the 20,000 open-file limit. */
    static final int SLOWLORIS = 1000;
    static final long SHORT_HEADER_TIMEOUT_MILLIS = 2000;

    /**
     * Whether the model parks each connection on one of a fixed set of workers before reading it, so
     * that slow clients can take every worker (the thread pool). The slowloris test then checks the
     * documented outcome: a normal client is refused with 503 until the header timeout frees workers.
     */
    protected boolean slowClientsCanTakeEveryWorker() {
        return false;
    }

    @Test
    void slowlorisConnectionsTimeOutWith408AndDoNotStopANormalClient() throws Exception {
        ServerConfig cfg = config(ServerConfig.defaults())
                .withLimits(HttpLimits.DEFAULTS.withHeaderTimeoutMillis(SHORT_HEADER_TIMEOUT_MILLIS));
        RunningServer slow = model().start(cfg);
        List<TestClient> lorises = new ArrayList<>();
        try {
            for (int i = 0; i < SLOWLORIS; i++) {
                TestClient c = new TestClient(slow.port());
                lorises.add(c);
                c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            }
            try (TestClient normal = new TestClient(slow.port())) {
                Reply r = normal.exchange("/plaintext");
                if (slowClientsCanTakeEveryWorker()) {
                    assertEquals(503, r.status(), "the pool is full of slow clients: documented refusal");
                } else {
                    assertEquals(200, r.status(), "a normal client is served while " + SLOWLORIS + " slow ones hang");
                    assertEquals("Hello, World!", r.body());
                }
            }
            int timedOut = 0;
            for (TestClient c : lorises) {
                Reply r = c.read();
                assertTrue(r.status() == 408 || (slowClientsCanTakeEveryWorker() && r.status() == 503), "status " + r.status());
                timedOut += r.status() == 408 ? 1 : 0;
                assertEquals("close", r.header("Connection"));
                assertTrue(c.closedByServer());
            }
            assertTrue(timedOut > 0);
            assertEquals((long) timedOut, slow.stats().counters().getOrDefault("headerTimeouts", -1L));
            try (TestClient after = new TestClient(slow.port())) {
                assertEquals(200, after.exchange("/plaintext").status());
            }
        } finally {
            for (TestClient c : lorises) {
                c.close();
            }
            slow.close();
        }
    }

    @Test
    void aRequestCompletedBeforeTheHeaderTimeoutIsServedAndTheIdleConnectionStaysOpen() throws Exception {
        ServerConfig cfg = config(ServerConfig.defaults()).withLimits(HttpLimits.DEFAULTS.withHeaderTimeoutMillis(300));
        RunningServer s = model().start(cfg);
        try (TestClient c = new TestClient(s.port())) {
            assertEquals(200, c.exchange("/plaintext").status());
            Thread.sleep(600);                                // idle between requests: no timeout applies
            assertEquals(200, c.exchange("/plaintext").status());
        } finally {
            s.close();
        }
    }

    static final int MAX_CONNECTIONS = 20;
    static final int BEYOND_THE_LIMIT = 10;

    @Test
    void connectionsBeyondTheLimitAreRefusedWith503AndCounted() throws Exception {
        RunningServer s = model().start(config(ServerConfig.defaults()).withMaxConnections(MAX_CONNECTIONS));
        List<TestClient> clients = new ArrayList<>();
        int served = 0;
        int refused = 0;
        try {
            for (int i = 0; i < MAX_CONNECTIONS + BEYOND_THE_LIMIT; i++) {
                TestClient c = new TestClient(s.port());
                clients.add(c);
                Reply r = c.exchange("/plaintext");
                if (r.status() == 200) {
                    served++;
                } else {
                    assertEquals(503, r.status());
                    assertTrue(c.closedByServer());
                    refused++;
                }
            }
            assertTrue(served <= MAX_CONNECTIONS, served + " served beyond a limit of " + MAX_CONNECTIONS);
            assertTrue(refused >= BEYOND_THE_LIMIT);
            assertTrue(s.stats().rejected() >= refused);
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
            s.close();
        }
    }

    /** Connection attempts in the churn test, as the issue asks; each closes with a reset so no port lingers in TIME_WAIT. */
    static final int CHURN_ATTEMPTS = 20_000;

    @Test
    void twentyThousandConnectionAttemptsLeaveTheServerServing() throws IOException {
        for (int i = 0; i < CHURN_ATTEMPTS; i++) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.setSoLinger(true, 0);
                s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.port()));
            }
        }
        // A bounded queue may still hold reset connections for a moment (the thread pool answers 503
        // meanwhile); the server must come back to serving on its own, and stay up.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            try (TestClient c = connect()) {
                status = c.exchange("/plaintext").status();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
    }

    @Test
    void aClientThatPipelinesAndNeverReadsDoesNotStopOthers() throws Exception {
        byte[] one = TestClient.get("/plaintext").getBytes(StandardCharsets.US_ASCII);
        try (java.nio.channels.SocketChannel flooder = java.nio.channels.SocketChannel.open(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.port()))) {
            flooder.configureBlocking(false);
            java.nio.ByteBuffer batch = java.nio.ByteBuffer.wrap(new byte[one.length * 1000]);
            for (int i = 0; i < 1000; i++) {
                batch.put(one);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
            long written = 0;
            while (System.nanoTime() < deadline && written < 10_000L * one.length) {
                if (!batch.hasRemaining()) {
                    batch.flip();
                }
                int n = flooder.write(batch);
                written += n;
                if (n == 0) {
                    Thread.sleep(10);                     // the server stopped reading us, or our buffers are full
                }
            }
            try (TestClient c = connect()) {
                assertEquals("Hello, World!", c.exchange("/plaintext").body(), "served beside a flooder");
            }
        }
        try (TestClient c = connect()) {
            assertEquals(200, c.exchange("/plaintext").status());
        }
    }

    // ---- concurrency and lifecycle -------------------------------------------------------------

    @Test
    void ioWaitsRunConcurrently() throws IOException {
        int connections = 50;
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                clients.add(connect());
            }
            for (TestClient c : clients) {
                c.send(TestClient.get("/io?ms=1000"));
            }
            for (TestClient c : clients) {
                assertEquals(200, c.read().status());
            }
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
        }
        assertEquals(connections, server.stats().peakInFlight(),
                "all " + connections + " waits should have been in flight at once");
    }

    @Test
    void statsCountConnectionsAndRequests() throws IOException {
        try (TestClient c = connect()) {
            c.exchange("/plaintext");
            c.exchange("/json");
        }
        ServerStats s = server.stats();
        assertTrue(s.requests() >= 2);
        assertTrue(s.connectionsAccepted() >= 1);
        assertEquals(0, s.inFlight());
    }

    @Test
    void closeIsIdempotentFreesThePortAndLeavesNoThread() throws IOException {
        int port = server.port();
        try (TestClient c = connect()) {
            c.exchange("/plaintext");
            c.send(TestClient.get("/io?ms=60000"));          // a wait in progress must not hold close() up
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> server.close());
        }
        server.close();
        assertEquals(0, server.stats().connectionsOpen());
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("cb-")).toList();
        assertEquals(List.of(), left, "threads of the model still alive after close()");
        RunningServer again = model().start(config(ServerConfig.defaults()).withPort(port));
        try (TestClient c = new TestClient(again.port())) {
            assertEquals(port, again.port());
            assertEquals(200, c.exchange("/plaintext").status());
        } finally {
            again.close();
        }
    }
}
