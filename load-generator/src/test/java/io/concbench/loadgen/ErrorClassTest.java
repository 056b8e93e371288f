package io.concbench.loadgen;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LoadResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A misbehaving server produces each error class exactly once, and it is counted in that class and
 * no other. Each scenario sends one request ({@code -n 1}) except connect, which sends none.
 */
class ErrorClassTest {

    private static LoadResult one(TestServer s, LoadOptions o) throws Exception {
        return new LoadRun(o).execute();
    }

    private static LoadOptions oneRequest(TestServer s) {
        return LoadOptions.defaults(s.url("/")).withConnections(1).withRequests(1);
    }

    private static TestServer answeringWith(byte[] response) throws IOException {
        return TestServer.start((sock, in, out, server) -> {
            while (server.readRequest(in)) {
                out.write(response);
                out.flush();
            }
        });
    }

    @Test
    void connectionRefusedIsOneConnectError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LoadOptions o = LoadOptions.defaults("http://127.0.0.1:" + port + "/").withConnections(1)
                .withDuration(Duration.ofMillis(300)).withConnectRetryDelay(Duration.ofHours(1));
        LoadResult r = new LoadRun(o).execute();
        assertEquals(ErrorCounts.NONE.plus(ErrorClass.CONNECT, 1), r.errors());
        assertEquals(0, r.sent());
    }

    @Test
    void resetAfterTheRequestIsOneReadError() throws Exception {
        try (TestServer s = TestServer.start((sock, in, out, server) -> {
            if (server.readRequest(in)) {
                sock.setSoLinger(true, 0);    // close with RST
            }
        })) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.READ, 1), r.errors());
        }
    }

    @Test
    void malformedResponseIsOneReadError() throws Exception {
        try (TestServer s = answeringWith("HTTP/1.1 2x0 Nope\r\n\r\n".getBytes())) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.READ, 1), r.errors());
        }
    }

    @Test
    void resetWhileTheRequestIsStillBeingWrittenIsOneWriteError() throws Exception {
        // The request is far larger than the socket buffers on both sides, and the server never reads:
        // the client is still writing when the reset arrives.
        int requestBytes = 16 * 1024 * 1024;
        int smallReceiveBuffer = 4096;
        try (TestServer s = TestServer.start((sock, in, out, server) -> {
            Thread.sleep(300);
            sock.setSoLinger(true, 0);
        }, smallReceiveBuffer)) {
            LoadOptions o = oneRequest(s).withHeaders(List.of("X-Big: " + "x".repeat(requestBytes)));
            LoadResult r = one(s, o);
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.WRITE, 1), r.errors());
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsOneTimeout() throws Exception {
        try (TestServer s = TestServer.start((sock, in, out, server) -> {
            server.readRequest(in);
            Thread.sleep(10_000);                // longer than the test; the thread is a daemon
        })) {
            LoadResult r = one(s, oneRequest(s).withTimeout(Duration.ofMillis(200)));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.TIMEOUT, 1), r.errors());
        }
    }

    @Test
    void status404IsOne4xx() throws Exception {
        try (TestServer s = answeringWith(TestServer.response(404, "", "no"))) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.STATUS_4XX, 1), r.errors());
            assertEquals(1, r.requests());
        }
    }

    @Test
    void status503IsOne5xx() throws Exception {
        try (TestServer s = answeringWith(TestServer.response(503, "", "busy"))) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.STATUS_5XX, 1), r.errors());
        }
    }

    @Test
    void redirectIsOneOtherStatus() throws Exception {
        try (TestServer s = answeringWith(TestServer.response(302, "Location: /elsewhere\r\n", ""))) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.OTHER_STATUS, 1), r.errors());
        }
    }

    @Test
    void closeWithoutAnAnswerIsOneClosedByPeer() throws Exception {
        try (TestServer s = TestServer.start((sock, in, out, server) -> {
            server.readRequest(in);              // read it all, so the close is a FIN, not a reset
        })) {
            LoadResult r = one(s, oneRequest(s));
            assertEquals(ErrorCounts.NONE.plus(ErrorClass.CLOSED_BY_PEER, 1), r.errors());
        }
    }
}
