package io.concbench.harness;

import io.concbench.harness.hostile.Wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately simple blocking HTTP/1.1 client for tests: it writes exactly the bytes it is given
 * and reads responses framed by Content-Length. The hostile checks' {@link Wire} on loopback with a
 * test's timeout, so tests and those checks read answers the same strict way. Not thread-safe; one
 * per connection.
 */
public final class TestClient implements AutoCloseable {

    /** Long enough never to fire on a healthy server, short enough that a hang fails the test. */
    public static final int READ_TIMEOUT_MILLIS = 15_000;

    /** One parsed response. Header names are lower case. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Wire wire;

    public TestClient(int port) throws IOException {
        wire = new Wire(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
    }

    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    public TestClient send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TestClient send(byte[] request) throws IOException {
        wire.send(request);
        return this;
    }

    /** Sends one byte per write, flushing each. */
    public TestClient trickle(String request) throws IOException {
        for (byte b : request.getBytes(StandardCharsets.ISO_8859_1)) {
            wire.send(new byte[] {b});
        }
        return this;
    }

    /** Sends {@code GET target} and reads the reply. */
    public Reply exchange(String target) throws IOException {
        return send(get(target)).read();
    }

    /** Reads one response; fails if the connection ends first or the head is malformed. */
    public Reply read() throws IOException {
        Wire.Answer a = wire.read();
        return new Reply(a.status(), a.headers(), a.body());
    }

    /** Half-closes: the server sees end of input. */
    public void shutdownOutput() throws IOException {
        wire.shutdownOutput();
    }

    /** One byte, or -1 at end of input. */
    public int readByte() throws IOException {
        return wire.readByte();
    }

    /** Whether the server has closed the connection: EOF or reset, after discarding anything else it sent. */
    public boolean closedByServer() throws IOException {
        return wire.closedByServer();
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
