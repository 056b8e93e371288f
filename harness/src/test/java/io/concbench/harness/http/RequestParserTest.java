package io.concbench.harness.http;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.concbench.harness.http.RequestParser.Result.ERROR;
import static io.concbench.harness.http.RequestParser.Result.NEED_MORE;
import static io.concbench.harness.http.RequestParser.Result.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParserTest {

    private static final byte[] PLAINTEXT = "/plaintext".getBytes(StandardCharsets.US_ASCII);
    private final RequestParser parser = new RequestParser(HttpLimits.DEFAULTS);

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void parsesARequestThatArrivesWhole() {
        ByteBuffer b = buf("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(REQUEST, parser.parse(b));
        assertTrue(parser.request().pathEquals(PLAINTEXT));
        assertTrue(parser.request().keepAlive());
        assertEquals(Response.Connection.DEFAULT, parser.request().responseConnection());
        assertFalse(b.hasRemaining());
    }

    @Test
    void parsesTheSameRequestWhateverTheSplit() {
        String req = "GET /io?ms=25 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n";
        for (int split = 0; split <= req.length(); split++) {
            RequestParser p = new RequestParser(HttpLimits.DEFAULTS);
            ByteBuffer first = buf(req.substring(0, split));
            RequestParser.Result r = p.parse(first);
            if (split < req.length()) {
                assertEquals(NEED_MORE, r, "split at " + split);
                r = p.parse(buf(req.substring(split)));
            }
            assertEquals(REQUEST, r, "split at " + split);
            assertEquals(25, p.request().queryLong("ms".getBytes(StandardCharsets.US_ASCII), 100));
            assertTrue(p.request().authorizationEquals("Bearer t".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("/io?ms=25", p.request().target());
        }
    }

    @Test
    void parsesAByteAtATime() {
        String req = "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n";
        for (int i = 0; i < req.length() - 1; i++) {
            assertEquals(NEED_MORE, parser.parse(buf(req.substring(i, i + 1))));
            assertTrue(parser.midRequest());
        }
        assertEquals(REQUEST, parser.parse(buf(req.substring(req.length() - 1))));
        assertTrue(parser.request().pathEquals(PLAINTEXT));
    }

    @Test
    void answersPipelinedRequestsOneAtATimeLeavingTheRest() {
        ByteBuffer b = buf("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n");
        for (String path : new String[] {"/a", "/b", "/c"}) {
            assertEquals(REQUEST, parser.parse(b));
            assertEquals(path, parser.request().target());
        }
        assertFalse(b.hasRemaining());
        assertEquals(NEED_MORE, parser.parse(b));
        assertFalse(parser.midRequest());
    }

    @Test
    void ignoresEmptyLinesBeforeTheRequestLine() {
        assertEquals(REQUEST, parser.parse(buf("\r\n\r\nGET /a HTTP/1.1\r\n\r\n")));
        assertEquals("/a", parser.request().target());
    }

    @Test
    void discardsABodyAcrossReadsBeforeTheNextRequest() {
        ByteBuffer first = buf("GET /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123");
        assertEquals(REQUEST, parser.parse(first));
        assertEquals(10, parser.request().contentLength());
        assertEquals(4, first.remaining(), "body bytes are left for the next call");
        assertEquals(NEED_MORE, parser.parse(first));
        assertFalse(first.hasRemaining());
        assertEquals(NEED_MORE, parser.parse(buf("45")));
        assertTrue(parser.midRequest());
        assertEquals(REQUEST, parser.parse(buf("6789GET /b HTTP/1.1\r\n\r\n")));
        assertEquals("/b", parser.request().target());
    }

    @Test
    void keepAliveFollowsVersionAndConnectionHeader() {
        assertEquals(Response.Connection.CLOSE, parse("GET / HTTP/1.0\r\n\r\n").responseConnection());
        assertEquals(Response.Connection.KEEP_ALIVE, parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").responseConnection());
        assertEquals(Response.Connection.CLOSE, parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").responseConnection());
        assertEquals(Response.Connection.CLOSE, parse("GET / HTTP/1.1\r\nConnection: keep-alive, CLOSE\r\n\r\n").responseConnection());
        assertEquals(Response.Connection.DEFAULT, parse("GET / HTTP/1.1\r\nConnection: upgrade\r\n\r\n").responseConnection());
    }

    private static Request parse(String s) {
        RequestParser p = new RequestParser(HttpLimits.DEFAULTS);
        assertEquals(REQUEST, p.parse(buf(s)));
        return p.request();
    }

    @Test
    void queryValuesAreBoundedDecimals() {
        byte[] ms = "ms".getBytes(StandardCharsets.US_ASCII);
        assertEquals(7, parse("GET /io?x=1&ms=7 HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(7, parse("GET /io?ms=7&x=1 HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(-1, parse("GET /io?ms=11 HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(-1, parse("GET /io?ms=1x HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(-1, parse("GET /io?mss=1 HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(-1, parse("GET /io HTTP/1.1\r\n\r\n").queryLong(ms, 10));
        assertEquals(-1, parse("GET /io?ms=99999999999999999999 HTTP/1.1\r\n\r\n").queryLong(ms, Long.MAX_VALUE));
    }

    @Test
    void aRequestLineThatNeverEndsIsRefusedAtTheLimitNotBuffered() {
        RequestParser.Result r = NEED_MORE;
        int fed = 0;
        r = parser.parse(buf("GET /"));
        while (r == NEED_MORE && fed < 100_000) {
            r = parser.parse(buf("a"));
            fed++;
        }
        assertEquals(ERROR, r);
        assertEquals(Status.URI_TOO_LONG, parser.error());
        assertEquals(HttpLimits.DEFAULT_MAX_REQUEST_LINE_BYTES - 4, fed);
    }

    @Test
    void headersThatNeverEndAreRefusedAt8KiB() {
        assertEquals(NEED_MORE, parser.parse(buf("GET / HTTP/1.1\r\n")));
        RequestParser.Result r = NEED_MORE;
        int lines = 0;
        while (r == NEED_MORE && lines < 10_000) {
            r = parser.parse(buf("X-Pad: " + "p".repeat(90) + "\r\n"));
            lines++;
        }
        assertEquals(ERROR, r);
        assertEquals(Status.HEADERS_TOO_LARGE, parser.error());
        assertTrue(lines * 99 < HttpLimits.DEFAULT_MAX_HEAD_BYTES + 99);
    }

    @Test
    void binaryGarbageIsRefusedAtTheFirstBadByte() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00});   // a TLS ClientHello start
        assertEquals(ERROR, parser.parse(b));
        assertEquals(Status.BAD_REQUEST, parser.error());
    }

    @Test
    void anErrorIsFinal() {
        assertEquals(ERROR, parser.parse(buf("GET / HTTP/9.9\r\n\r\n")));
        assertEquals(Status.VERSION_NOT_SUPPORTED, parser.error());
        assertEquals(ERROR, parser.parse(buf("GET / HTTP/1.1\r\n\r\n")));
    }

    @Test
    void aDirectBufferParsesLikeAHeapBuffer() {
        byte[] bytes = "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertEquals(REQUEST, parser.parse(direct));
        assertTrue(parser.request().pathEquals(PLAINTEXT));
    }
}
