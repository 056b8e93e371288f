package io.concbench.harness.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ResponseTest {

    private final AtomicLong millis = new AtomicLong(784_111_777_000L);   // Sun, 06 Nov 1994 08:49:37 GMT
    private final HttpDate date = new HttpDate(millis::get);
    private final Response hello = Response.fixed(Status.OK, Response.TEXT_PLAIN, "",
            "Hello, World!".getBytes(StandardCharsets.US_ASCII), date);

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void encodesExactBytes() {
        assertEquals("HTTP/1.1 200 OK\r\nServer: concbench\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nHello, World!", s(hello.encode(Response.Connection.DEFAULT)));
        assertEquals("HTTP/1.1 200 OK\r\nServer: concbench\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                + "Connection: close\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nHello, World!", s(hello.encode(Response.Connection.CLOSE)));
        assertEquals("HTTP/1.1 200 OK\r\nServer: concbench\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"
                + "Connection: keep-alive\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nHello, World!", s(hello.encode(Response.Connection.KEEP_ALIVE)));
    }

    @Test
    void encodesOncePerSecondAndRefreshesTheDate() {
        byte[] first = hello.encode(Response.Connection.DEFAULT);
        millis.addAndGet(999);
        assertSame(first, hello.encode(Response.Connection.DEFAULT), "re-encoded within the same second");
        millis.addAndGet(1);
        assertEquals("Sun, 06 Nov 1994 08:49:38 GMT", s(date.value()));
        String next = s(hello.encode(Response.Connection.DEFAULT));
        assertEquals(true, next.contains("Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n"));
    }

    @Test
    void errorResponsesNameTheirStatus() {
        assertEquals("431 Request Header Fields Too Large\n", s(Response.error(Status.HEADERS_TOO_LARGE).body()));
    }

    @Test
    void epochFormatsAsRfc1123() {
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", s(new HttpDate(() -> 0).value()));
    }
}
