package io.concbench.harness.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One parsed request, as a view over the bytes it was parsed from: nothing is copied or decoded
 * unless asked for. Owned and reused by one {@link RequestParser}; valid until that parser's next
 * {@code parse} call or until its source buffer is modified. Only GET reaches here; every other
 * method was answered 405 by the parser.
 */
public final class Request {

    private ByteBuffer src;
    private int targetStart;
    private int pathEnd;
    private int targetEnd;
    private int authStart = -1;
    private int authEnd = -1;
    private int versionMinor;
    private boolean keepAlive;
    private long contentLength;

    void set(ByteBuffer src, int targetStart, int pathEnd, int targetEnd, int authStart, int authEnd,
             int versionMinor, boolean keepAlive, long contentLength) {
        this.src = src;
        this.targetStart = targetStart;
        this.pathEnd = pathEnd;
        this.targetEnd = targetEnd;
        this.authStart = authStart;
        this.authEnd = authEnd;
        this.versionMinor = versionMinor;
        this.keepAlive = keepAlive;
        this.contentLength = contentLength;
    }

    /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
    public int versionMinor() {
        return versionMinor;
    }

    /** Whether the connection stays open after the response (HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only on request). */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The Connection header the response must carry for this request. */
    public Response.Connection responseConnection() {
        if (!keepAlive) {
            return Response.Connection.CLOSE;
        }
        return versionMinor == 0 ? Response.Connection.KEEP_ALIVE : Response.Connection.DEFAULT;
    }

    public long contentLength() {
        return contentLength;
    }

    /** Whether the path (the target up to {@code ?}) equals {@code path}, byte for byte. */
    public boolean pathEquals(byte[] path) {
        return rangeEquals(targetStart, pathEnd, path);
    }

    /** Whether an Authorization header was sent with exactly this value. */
    public boolean authorizationEquals(byte[] expected) {
        return authStart >= 0 && rangeEquals(authStart, authEnd, expected);
    }

    /**
     * The query parameter {@code name} as a non-negative decimal, or -1 when it is absent, empty,
     * not all digits, or above {@code max}.
     */
    public long queryLong(byte[] name, long max) {
        int i = pathEnd + 1;                       // skip '?'
        while (i < targetEnd) {
            int end = indexOf((byte) '&', i, targetEnd);
            int eq = indexOf((byte) '=', i, end);
            if (eq < end && rangeEquals(i, eq, name)) {
                return parseDecimal(eq + 1, end, max);
            }
            i = end + 1;
        }
        return -1;
    }

    /** The request target as a string, for messages; allocates. */
    public String target() {
        byte[] b = new byte[targetEnd - targetStart];
        src.get(targetStart, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private long parseDecimal(int from, int to, long max) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = src.get(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v <= max ? v : -1;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.get(i) == b) {
                return i;
            }
        }
        return to;
    }

    private boolean rangeEquals(int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (src.get(from + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
