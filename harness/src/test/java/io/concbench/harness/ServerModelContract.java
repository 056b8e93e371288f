package io.concbench.harness;

import io.concbench.harness.TestClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
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

    static Stream<Arguments> malformed() {
        String host = "Host: x\r\n";
        return Stream.of(
                Arguments.of("request line over 4 KiB", "GET /" + "a".repeat(4200) + " HTTP/1.1\r\n\r\n", 414),
                Arguments.of("head over 8 KiB", "GET /plaintext HTTP/1.1\r\n" + ("X-Pad: " + "p".repeat(200) + "\r\n").repeat(45) + "\r\n", 431),
                Arguments.of("101 headers", "GET /plaintext HTTP/1.1\r\n" + "X-A: b\r\n".repeat(101) + "\r\n", 431),
                Arguments.of("no version", "GET /plaintext\r\n\r\n", 400),
                Arguments.of("two spaces", "GET  /plaintext HTTP/1.1\r\n\r\n", 400),
                Arguments.of("lowercase version", "GET /plaintext http/1.1\r\n\r\n", 400),
                Arguments.of("header without colon", "GET /plaintext HTTP/1.1\r\nHost x\r\n\r\n", 400),
                Arguments.of("space before colon", "GET /plaintext HTTP/1.1\r\nHost : x\r\n\r\n", 400),
                Arguments.of("obs-fold", "GET /plaintext HTTP/1.1\r\n" + host + "X-A: b\r\n c\r\n\r\n", 400),
                Arguments.of("control byte in value", "GET /plaintext HTTP/1.1\r\nX-A: b\u0001c\r\n\r\n", 400),
                Arguments.of("NUL in value", "GET /plaintext HTTP/1.1\r\nX-A: b\u0000c\r\n\r\n", 400),
                Arguments.of("non-ASCII in path", "GET /pl\u00e4intext HTTP/1.1\r\n\r\n", 400),
                Arguments.of("non-ASCII in method", "G\u00c9T /plaintext HTTP/1.1\r\n\r\n", 400),
                Arguments.of("bare LF line ends", "GET /plaintext HTTP/1.1\n" + "Host: x\n\n", 400),
                Arguments.of("bad Content-Length", "GET /plaintext HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
                Arguments.of("negative Content-Length", "GET /plaintext HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
                Arguments.of("duplicate Content-Length", "GET /plaintext HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
                Arguments.of("conflicting Content-Length", "GET /plaintext HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx", 400),
                Arguments.of("HTTP/2.0", "GET /plaintext HTTP/2.0\r\n\r\n", 505),
                Arguments.of("HTTP/1.2", "GET /plaintext HTTP/1.2\r\n\r\n", 505),
                Arguments.of("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
                Arguments.of("POST", "POST /plaintext HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405),
                Arguments.of("lowercase method", "get /plaintext HTTP/1.1\r\n\r\n", 405),
                Arguments.of("Transfer-Encoding", "GET /plaintext HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
                Arguments.of("Transfer-Encoding with Content-Length", "GET /plaintext HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
                Arguments.of("body over 1 MiB", "GET /plaintext HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413),
                Arguments.of("absolute-form target", "GET http://x/plaintext HTTP/1.1\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void malformedRequestGetsItsStatusAndClose(String name, String request, int status) throws IOException {
        try (TestClient c = connect()) {
            Reply r = c.send(request).read();
            assertEquals(status, r.status(), name);
            assertEquals("close", r.header("Connection"), name);
            assertTrue(c.closedByServer(), name + ": connection left open");
        }
        assertTrue(server.stats().badRequests() >= 1);
    }

    @Test
    void serverStillServesAfterHundredMalformedRequests() throws IOException {
        try (TestClient healthy = connect()) {
            assertEquals(200, healthy.exchange("/plaintext").status());
            List<Arguments> cases = malformed().toList();
            for (int i = 0; i < 100; i++) {
                String request = (String) cases.get(i % cases.size()).get()[1];
                try (TestClient c = connect()) {
                    c.send(request);
                    assertNotNull(c.read());
                }
            }
            assertEquals(200, healthy.exchange("/plaintext").status());
        }
        try (TestClient c = connect()) {
            assertEquals("Hello, World!", c.exchange("/plaintext").body());
        }
        assertTrue(server.stats().badRequests() >= 100);
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
