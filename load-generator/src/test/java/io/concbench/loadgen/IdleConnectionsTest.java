package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle-connection holder against {@link TestServer}: what it holds, and how it counts what it could not. */
class IdleConnectionsTest {

    @Test
    void holdsEveryConnectionOpenAfterOneAnsweredRequestUntilClosed() throws Exception {
        AtomicInteger open = new AtomicInteger();
        try (TestServer s = TestServer.start((socket, in, out, server) -> {
            open.incrementAndGet();
            try {
                TestServer.answering(0).serve(socket, in, out, server);
            } finally {
                open.decrementAndGet();
            }
        })) {
            try (IdleConnections c = IdleConnections.open(s.port(), 100)) {
                assertEquals(100, c.held());
                assertEquals(0, c.refused());
                assertEquals(0, c.failed());
                assertEquals("", c.failureSummary());
                assertEquals(100, s.connections.get());
                assertEquals(100, s.requests.get(), "one request per connection, then silence");
                assertEquals(100, open.get());
            }
            awaitZero(open);
            assertEquals(0, open.get(), "close() closes every held connection");
        }
    }

    @Test
    void aNon200IsRefusedAndAConnectionClosedUnansweredHasFailed() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (TestServer s = TestServer.start((socket, in, out, server) -> {
            server.readRequest(in);
            int i = served.incrementAndGet();
            if (i % 5 == 0) {
                out.write(TestServer.response(503, "", "busy"));
                out.flush();
            } else if (i % 5 != 1) {
                out.write(TestServer.OK);
                out.flush();
                server.readRequest(in);                 // hold until the client closes
            }                                           // the first of every five closes without an answer
        })) {
            try (IdleConnections c = IdleConnections.open(s.port(), 20)) {
                assertEquals(12, c.held());
                assertEquals(4, c.refused());
                assertEquals(4, c.failed());
                String summary = c.failureSummary();
                assertEquals("4 refused, 4 failed (", summary.substring(0, summary.indexOf('(') + 1));
                assertTrue(summary.contains("status 503"), summary);
                assertTrue(summary.contains("IOException: closed before answering"), summary);
            }
        }
    }

    @Test
    void nothingListeningIsAFailureOfEveryConnection() throws Exception {
        int port;
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            port = s.port();
        }
        try (IdleConnections c = IdleConnections.open(port, 3)) {
            assertEquals(0, c.held());
            assertEquals(0, c.refused());
            assertEquals(3, c.failed());
        }
    }

    private static void awaitZero(AtomicInteger n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (n.get() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
