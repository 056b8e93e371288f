package io.concbench.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately simple blocking HTTP/1.1 client for tests: it writes exactly the bytes it is given
 * and reads responses framed by Content-Length. Not thread-safe; one per connection.
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

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    public TestClient send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TestClient send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return this;
    }

    /** Sends one byte per write, flushing each. */
    public TestClient trickle(String request) throws IOException {
        for (byte b : request.getBytes(StandardCharsets.ISO_8859_1)) {
            out.write(b);
            out.flush();
        }
        return this;
    }

    /** Sends {@code GET target} and reads the reply. */
    public Reply exchange(String target) throws IOException {
        return send(get(target)).read();
    }

    /** Reads one response; fails if the connection ends first. */
    public Reply read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].equals("HTTP/1.1")) {
            throw new IOException("bad status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IOException("response without Content-Length: " + head);
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        if (body.length != Integer.parseInt(length)) {
            throw new IOException("connection ended inside a body");
        }
        return new Reply(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a response" + (head.size() > 0 ? " (got: " + head + ")" : ""));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    /** Half-closes: the server sees end of input. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** One byte, or -1 at end of input. */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Whether the server has closed the connection: EOF or reset, after discarding anything else it sent. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;    // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
