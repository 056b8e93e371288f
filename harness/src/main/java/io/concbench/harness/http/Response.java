package io.concbench.harness.http;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 response, encoded to bytes with Content-Length, Date and Server.
 *
 * <p>A {@link #fixed} response is encoded once per second of the {@link HttpDate} clock (when the
 * Date changes) and shared by every thread; {@link #encode} then costs a volatile read. A
 * {@link #dynamic} response is encoded on each call, for bodies that differ per request.
 */
public final class Response {

    /** Which Connection header the response carries: the model decides from the request and from errors. */
    public enum Connection {
        /** HTTP/1.1 keep-alive: no header. */
        DEFAULT(""),
        /** The server closes after this response. */
        CLOSE("Connection: close\r\n"),
        /** An HTTP/1.0 client asked for keep-alive and gets it. */
        KEEP_ALIVE("Connection: keep-alive\r\n");

        private final byte[] header;

        Connection(String header) {
            this.header = header.getBytes(StandardCharsets.US_ASCII);
        }
    }

    public static final String TEXT_PLAIN = "text/plain";
    public static final String APPLICATION_JSON = "application/json";
    static final String SERVER = "concbench";

    private record Encoded(long epochSecond, byte[][] byConnection) {}

    private final Status status;
    private final byte[] prefix;      // status line, Server, Content-Type, Content-Length, extra headers
    private final byte[] body;
    private final HttpDate date;
    private final boolean fixed;
    private volatile Encoded encoded;

    private Response(Status status, String contentType, String extraHeaders, byte[] body, HttpDate date, boolean fixed) {
        this.status = status;
        this.body = body;
        this.date = date;
        this.fixed = fixed;
        this.prefix = ("HTTP/1.1 " + status.code() + " " + status.reason() + "\r\n"
                + "Server: " + SERVER + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + extraHeaders).getBytes(StandardCharsets.US_ASCII);
    }

    /** A response whose bytes never change except for the Date header; encode it once and keep it. */
    public static Response fixed(Status status, String contentType, byte[] body) {
        return new Response(status, contentType, "", body, HttpDate.SYSTEM, true);
    }

    /** As {@link #fixed(Status, String, byte[])} with extra header lines, each ending in CRLF, and a chosen clock. */
    public static Response fixed(Status status, String contentType, String extraHeaders, byte[] body, HttpDate date) {
        return new Response(status, contentType, extraHeaders, body, date, true);
    }

    /** A response built for one request. */
    public static Response dynamic(Status status, String contentType, byte[] body) {
        return new Response(status, contentType, "", body, HttpDate.SYSTEM, false);
    }

    /** A plain-text error reply; its body names the status. */
    public static Response error(Status status) {
        return fixed(status, TEXT_PLAIN, (status.code() + " " + status.reason() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public Status status() {
        return status;
    }

    /** The body bytes. Do not modify. */
    public byte[] body() {
        return body;
    }

    /** The whole response as bytes. Do not modify the returned array: fixed responses share it. */
    public byte[] encode(Connection connection) {
        if (!fixed) {
            return build(connection, date.value());
        }
        long second = date.epochSecond();
        Encoded e = encoded;
        if (e == null || e.epochSecond != second) {
            // Benign race: concurrent threads may encode the same second twice; both results are equal.
            byte[] dateValue = date.value();
            Connection[] all = Connection.values();
            byte[][] variants = new byte[all.length][];
            for (Connection c : all) {
                variants[c.ordinal()] = build(c, dateValue);
            }
            e = new Encoded(second, variants);
            encoded = e;
        }
        return e.byConnection[connection.ordinal()];
    }

    private static final byte[] DATE = "Date: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] build(Connection connection, byte[] dateValue) {
        byte[] out = new byte[prefix.length + connection.header.length + DATE.length + dateValue.length
                + CRLF_CRLF.length + body.length];
        int at = 0;
        at = put(out, at, prefix);
        at = put(out, at, connection.header);
        at = put(out, at, DATE);
        at = put(out, at, dateValue);
        at = put(out, at, CRLF_CRLF);
        put(out, at, body);
        return out;
    }

    private static int put(byte[] out, int at, byte[] src) {
        System.arraycopy(src, 0, out, at, src.length);
        return at + src.length;
    }
}
