package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTargetTest {

    @Test
    void partsOfAnHttpUrl() {
        HttpTarget t = HttpTarget.parse("http://127.0.0.1:8080/io?ms=10");
        assertEquals("127.0.0.1", t.host());
        assertEquals(8080, t.port());
        assertEquals("/io?ms=10", t.pathAndQuery());
        assertEquals("127.0.0.1:8080", t.hostHeader());
        HttpTarget bare = HttpTarget.parse("http://localhost");
        assertEquals(80, bare.port());
        assertEquals("/", bare.pathAndQuery());
        assertEquals("localhost", bare.hostHeader());
        assertEquals("[::1]:8080", HttpTarget.parse("http://[::1]:8080/").hostHeader());
    }

    @Test
    void userMistakesAreOneClearMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("https://127.0.0.1/"))
                .getMessage().contains("https is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("127.0.0.1:8080/x"))
                .getMessage().contains("http://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("http://exa mple/"))
                .getMessage().contains("not a valid URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("http:///path"))
                .getMessage().contains("no host"));
        assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("ftp://127.0.0.1/"));
        assertThrows(IllegalArgumentException.class, () -> HttpTarget.parse("http://127.0.0.1:0/"));
    }

    @Test
    void requestBytesAreExactAndHeadersAreAppended() {
        HttpTarget t = HttpTarget.parse("http://127.0.0.1:8080/plaintext");
        assertEquals("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
                new String(RequestEncoder.encode(t, List.of()), StandardCharsets.ISO_8859_1));
        assertEquals("GET /plaintext HTTP/1.1\r\nhost: example\r\nX-A: 1\r\n\r\n",
                new String(RequestEncoder.encode(t, List.of("host: example", "X-A: 1")), StandardCharsets.ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.validateHeader("NoColon"));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.validateHeader("X: a\r\nInjected: b"));
        assertThrows(IllegalArgumentException.class, () -> RequestEncoder.validateHeader("Bad Name: b"));
    }
}
