package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseParserTest {

    /** Status and close flag of each response in {@code text}, fed in reads of {@code chunk} bytes; "FAILED" on failure. */
    private static List<String> parse(String text, int chunk) {
        byte[] buf = text.getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser p = new ResponseParser();
        List<String> seen = new ArrayList<>();
        for (int from = 0; from < buf.length; from += chunk) {
            int to = Math.min(buf.length, from + chunk);
            int pos = from;
            while (pos < to) {
                pos = p.consume(buf, pos, to);
                if (p.complete()) {
                    seen.add(p.status() + (p.closeAfter() ? " close" : ""));
                    p.next();
                } else if (p.failed()) {
                    seen.add("FAILED");
                    return seen;
                }
            }
        }
        if (p.endOfStream()) {
            seen.add(p.status() + " at-eof");
        }
        return seen;
    }

    /** The same bytes give the same responses however they are split into reads. */
    private static void assertEverySplit(String text, List<String> expected) {
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            assertEquals(expected, parse(text, chunk), "reads of " + chunk + " bytes");
        }
    }

    private static final String PLAIN = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";

    @Test
    void contentLengthFramesOneResponse() {
        assertEverySplit(PLAIN, List.of("200"));
    }

    @Test
    void pipelinedResponsesComeOneAtATime() {
        assertEverySplit(PLAIN + PLAIN.replace("200 OK", "404 Not Found") + PLAIN, List.of("200", "404", "200"));
    }

    @Test
    void headerNamesAreCaseInsensitiveAndConnectionCloseIsSeen() {
        assertEverySplit("HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh: 2\r\nCONNECTION: Close\r\n\r\nok", List.of("200 close"));
        assertEverySplit("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n", List.of("200 close"));
    }

    @Test
    void similarHeaderNamesDoNotMatch() {
        assertEverySplit("HTTP/1.1 200 OK\r\nContent-Length-X: 99\r\nX-Connection: close\r\nContent-Length: 1\r\n\r\nx",
                List.of("200"));
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreSkipped() {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nHello\r\n8\r\n, World!\r\n0\r\nX-Trailer: 1\r\n\r\n";
        assertEverySplit(chunked + PLAIN, List.of("200", "200"));
    }

    @Test
    void http10ClosesUnlessKeepAlive() {
        assertEverySplit("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", List.of("200 close"));
        assertEverySplit("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", List.of("200"));
    }

    @Test
    void aBodyWithoutLengthEndsAtTheClose() {
        assertEquals(List.of("200 at-eof"), parse("HTTP/1.1 200 OK\r\n\r\nuntil the end", 4));
    }

    @Test
    void interimResponsesAreSkippedAndBodilessStatusesHaveNoBody() {
        assertEverySplit("HTTP/1.1 100 Continue\r\n\r\n" + PLAIN, List.of("200"));
        assertEverySplit("HTTP/1.1 204 No Content\r\n\r\n" + "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n" + PLAIN,
                List.of("204", "304", "200"));
    }

    @Test
    void malformedResponsesFail() {
        for (String bad : List.of("HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n", "SMTP ready\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent Length: 1\r\n\r\n", "HTTP/1.1 200 OK\r\n folded\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")) {
            List<String> seen = parse(bad, bad.length());
            assertEquals("FAILED", seen.get(seen.size() - 1), bad);
        }
    }

    @Test
    void anEndlessHeadFails() {
        String endless = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseParser.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertEquals(List.of("FAILED"), parse(endless, 4096));
    }

    @Test
    void aLongBodyIsSkippedWithoutCountingAgainstTheHeadLimit() {
        String body = "b".repeat(3 * ResponseParser.MAX_HEAD_BYTES);
        assertEquals(List.of("200"), parse("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body, 1000));
    }

    @Test
    void idleUntilTheFirstByte() {
        ResponseParser p = new ResponseParser();
        assertTrue(p.idle());
        p.consume("H".getBytes(StandardCharsets.US_ASCII), 0, 1);
        assertFalse(p.idle());
        assertFalse(p.complete());
    }
}
