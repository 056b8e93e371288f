package io.concbench.harness.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One blocking connection that writes exactly the bytes it is given and reads responses framed by
 * Content-Length: what hostile input needs (no client library would send a malformed request).
 * Public for the harness test-jar's {@code TestClient}, which is this sender with a test's defaults,
 * so that the tests and the hostile checks read answers with one parser. Not thread-safe.
 */
public final class Wire implements AutoCloseable {

    /** One parsed response. Header names are lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public Wire(InetSocketAddress server, int timeoutMillis) throws IOException {
        socket = new Socket();
        try {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response; throws if the connection ends or the head is malformed. */
    public Answer read() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].equals("HTTP/1.1") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("bad status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                throw new IOException("bad header line: " + lines[i]);
            }
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null || !length.matches("\\d{1,9}")) {
            throw new IOException("response without a valid Content-Length: " + lines[0]);
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        if (body.length != Integer.parseInt(length)) {
            throw new IOException("connection ended inside a body");
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer" + (head.size() > 0 ? " (got: " + head + ")" : ""));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    /** One byte, or -1 at end of input. */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Whether the server has closed the connection (EOF or reset) within the timeout, discarding anything else it sent. */
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
