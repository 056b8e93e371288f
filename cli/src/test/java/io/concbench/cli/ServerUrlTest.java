package io.concbench.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The URL check that {@code hostile} and {@code slowloris} share. */
class ServerUrlTest {

    @Test
    void takesApartHostPortPathAndTarget() {
        assertEquals(new ServerUrl("127.0.0.1", 8080, "/io", "/io?ms=10"), ServerUrl.parse("http://127.0.0.1:8080/io?ms=10"));
        assertEquals(new ServerUrl("localhost", 9000, "/", "/"), ServerUrl.parse("http://localhost:9000"));
    }

    @Test
    void aMissingPortOrAnotherSchemeIsRefusedWithAnExample() {
        for (String bad : new String[] {"http://127.0.0.1/plaintext", "https://127.0.0.1:8443/plaintext", "ftp://127.0.0.1:21/plaintext"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse(bad));
            assertEquals("'" + bad + "' must be http://HOST:PORT/path, e.g. http://127.0.0.1:8080/plaintext", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("http://a b"));
        assertEquals("'http://a b' is not a URL; use e.g. http://127.0.0.1:8080/plaintext", e.getMessage());
    }
}
