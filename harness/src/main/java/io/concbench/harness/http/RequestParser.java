package io.concbench.harness.http;

import java.nio.ByteBuffer;

/**
 * Incremental HTTP/1.1 request parser: one per connection, not thread-safe.
 *
 * <p>Feed it whatever arrived; it consumes bytes from the buffer's position. A request may arrive a
 * byte at a time or many pipelined in one read. When a head is complete it is validated in one pass
 * and returned as a {@link Request} view; a declared body is then read and discarded on the
 * following calls, before the next head. A head split across reads is copied into a small
 * per-connection array; a head that arrives whole is parsed where it lies, without copying.
 *
 * <p>Errors are final: after {@link Result#ERROR} the connection must be answered with
 * {@link #error()} and closed.
 */
public final class RequestParser {

    /** What one {@link #parse} call found. */
    public enum Result {
        /** The buffer is consumed and no request is complete yet. */
        NEED_MORE,
        /** {@link #request()} holds a complete request; bytes after it were left in the buffer. */
        REQUEST,
        /** The input is not an acceptable request; answer {@link #error()} and close. */
        ERROR
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HT = '\t';
    private static final int INITIAL_PARTIAL_BYTES = 256;

    private static final byte[] GET = {'G', 'E', 'T'};
    private static final byte[] CONTENT_LENGTH = lower("content-length");
    private static final byte[] TRANSFER_ENCODING = lower("transfer-encoding");
    private static final byte[] CONNECTION = lower("connection");
    private static final byte[] AUTHORIZATION = lower("authorization");
    private static final byte[] CLOSE = lower("close");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");

    private final HttpLimits limits;
    private final Request request = new Request();

    // Head scanning state for the request being read.
    private int headBytes;
    private int lineBytes;
    private boolean inRequestLine = true;
    private byte[] partial;          // head bytes of a head split across reads
    private int partialLength;
    private ByteBuffer partialView;

    private long bodyRemaining;
    private Status error;

    public RequestParser(HttpLimits limits) {
        this.limits = limits;
    }

    /** The last complete request; see {@link Request} for how long it stays valid. */
    public Request request() {
        return request;
    }

    /** The status to answer after {@link Result#ERROR}. */
    public Status error() {
        return error;
    }

    /** Whether some bytes of an unfinished request head have been consumed: the header timeout runs. */
    public boolean inHead() {
        return headBytes > 0;
    }

    /** Whether some bytes of an unfinished request have been consumed (a head or body in progress). */
    public boolean midRequest() {
        return headBytes > 0 || bodyRemaining > 0;
    }

    /** Consumes bytes from {@code buf} up to the end of the next complete request head, or all of them. */
    public Result parse(ByteBuffer buf) {
        if (error != null) {
            return Result.ERROR;
        }
        if (bodyRemaining > 0) {
            int skip = (int) Math.min(bodyRemaining, buf.remaining());
            buf.position(buf.position() + skip);
            bodyRemaining -= skip;
            if (bodyRemaining > 0) {
                return Result.NEED_MORE;
            }
        }
        int start = buf.position();
        int limit = buf.limit();
        int p = start;
        while (p < limit) {
            byte b = buf.get(p++);
            if (headBytes == 0 && partialLength == 0 && (b == CR || b == LF) && p - start == 1) {
                start = p;                  // RFC 9112 2.2: ignore empty lines before the request line
                continue;
            }
            if (++headBytes > limits.maxHeadBytes()) {
                return fail(inRequestLine && lineBytes >= limits.maxRequestLineBytes()
                        ? Status.URI_TOO_LONG : Status.HEADERS_TOO_LARGE);
            }
            if (b == LF) {
                if (inRequestLine) {
                    inRequestLine = false;
                    // Judge the request line as soon as it is whole: garbage from another protocol
                    // (SSH, TLS, SMTP) gets its 400 now instead of waiting for a blank line that never comes.
                    Status bad = requestLineStatus(buf, start, p);
                    if (bad != null) {
                        return fail(bad);
                    }
                } else if (lineBytes == 0) {
                    return headComplete(buf, start, p);
                }
                lineBytes = 0;
            } else if (b != CR) {
                lineBytes++;
                if (inRequestLine) {
                    if (lineBytes > limits.maxRequestLineBytes()) {
                        return fail(Status.URI_TOO_LONG);
                    }
                    if ((b < 0x21 && b != SP) || b == 0x7f) {   // negative bytes (non-ASCII) are < 0x21 too
                        return fail(Status.BAD_REQUEST);
                    }
                }
            }
        }
        appendPartial(buf, start, limit);
        buf.position(limit);
        return Result.NEED_MORE;
    }

    private Result headComplete(ByteBuffer buf, int start, int end) {
        buf.position(end);
        ByteBuffer src;
        int from;
        int to;
        if (partialLength > 0) {
            appendPartial(buf, start, end);
            src = partialView;
            from = 0;
            to = partialLength;
        } else {
            src = buf;
            from = start;
            to = end;
        }
        Status status = parseHead(src, from, to);
        headBytes = 0;
        lineBytes = 0;
        inRequestLine = true;
        partialLength = 0;
        if (status != null) {
            return fail(status);
        }
        bodyRemaining = request.contentLength();
        return Result.REQUEST;
    }

    /** The request line ending at {@code lineEnd} (after its LF), held partly in {@link #partial} and partly in buf. */
    private Status requestLineStatus(ByteBuffer buf, int start, int lineEnd) {
        if (partialLength == 0) {
            return parseRequestLine(buf, start, lineEnd) < 0 ? lineError : null;
        }
        appendPartial(buf, start, lineEnd);
        Status bad = parseRequestLine(partialView, 0, partialLength) < 0 ? lineError : null;
        partialLength -= lineEnd - start;               // the head is appended whole when complete
        return bad;
    }

    private Status lineError;
    private int lineTargetStart;
    private int lineTargetEnd;
    private int linePathEnd;
    private int lineMinor;
    private int lineEnd;

    /**
     * Validates {@code method SP request-target SP HTTP-version CRLF} starting at {@code from}; fills
     * the line* fields and returns the index after the CRLF, or -1 with {@link #lineError} set.
     */
    private int parseRequestLine(ByteBuffer src, int from, int to) {
        int p = from;
        int methodEnd = p;
        while (methodEnd < to && isTchar(src.get(methodEnd))) {
            methodEnd++;
        }
        if (methodEnd == p || methodEnd >= to || src.get(methodEnd) != SP) {
            return lineFail(Status.BAD_REQUEST);
        }
        int targetStart = methodEnd + 1;
        int targetEnd = targetStart;
        while (targetEnd < to && src.get(targetEnd) > SP && src.get(targetEnd) != 0x7f) {
            targetEnd++;
        }
        if (targetEnd == targetStart || targetEnd >= to || src.get(targetEnd) != SP) {
            return lineFail(Status.BAD_REQUEST);
        }
        int v = targetEnd + 1;
        if (v + 10 > to || src.get(v) != 'H' || src.get(v + 1) != 'T' || src.get(v + 2) != 'T' || src.get(v + 3) != 'P'
                || src.get(v + 4) != '/' || !isDigit(src.get(v + 5)) || src.get(v + 6) != '.' || !isDigit(src.get(v + 7))
                || src.get(v + 8) != CR || src.get(v + 9) != LF) {
            return lineFail(Status.BAD_REQUEST);
        }
        int major = src.get(v + 5) - '0';
        int minor = src.get(v + 7) - '0';
        if (major != 1 || minor > 1) {
            return lineFail(Status.VERSION_NOT_SUPPORTED);
        }
        if (!rangeEquals(src, from, methodEnd, GET)) {
            return lineFail(Status.METHOD_NOT_ALLOWED);
        }
        if (src.get(targetStart) != '/') {
            return lineFail(Status.BAD_REQUEST);   // only origin-form is served
        }
        int pathEnd = targetStart;
        while (pathEnd < targetEnd && src.get(pathEnd) != '?') {
            pathEnd++;
        }
        // Offsets from the head's first byte: the head may be copied into the partial array later.
        lineTargetStart = targetStart - from;
        lineTargetEnd = targetEnd - from;
        linePathEnd = pathEnd - from;
        lineEnd = v + 10 - from;
        lineMinor = minor;
        return v + 10;
    }

    private int lineFail(Status status) {
        lineError = status;
        return -1;
    }

    /** Validates the header fields of a complete head in [from, to) and fills {@link #request}; returns an error status or null. */
    private Status parseHead(ByteBuffer src, int from, int to) {
        // The request line was judged when its LF arrived (requestLineStatus); only its offsets are needed now.
        int p = from + lineEnd;
        int targetStart = from + lineTargetStart;
        int targetEnd = from + lineTargetEnd;
        int pathEnd = from + linePathEnd;
        int minor = lineMinor;

        // Header fields: name ":" OWS value OWS CRLF, until an empty line.
        boolean close = false;
        boolean keepAliveAsked = false;
        boolean transferEncoding = false;
        long contentLength = -1;
        int authStart = -1;
        int authEnd = -1;
        int headers = 0;
        while (true) {
            if (p < to && src.get(p) == CR) {
                if (p + 1 < to && src.get(p + 1) == LF) {
                    break;                                   // the empty line
                }
                return Status.BAD_REQUEST;
            }
            if (++headers > limits.maxHeaders()) {
                return Status.HEADERS_TOO_LARGE;
            }
            int nameEnd = p;
            while (nameEnd < to && isTchar(src.get(nameEnd))) {
                nameEnd++;
            }
            // An empty name covers obs-fold (a line starting with SP or HT) and whitespace before the colon.
            if (nameEnd == p || nameEnd >= to || src.get(nameEnd) != ':') {
                return Status.BAD_REQUEST;
            }
            int valueStart = nameEnd + 1;
            while (valueStart < to && (src.get(valueStart) == SP || src.get(valueStart) == HT)) {
                valueStart++;
            }
            int lineEnd = valueStart;
            while (lineEnd < to && src.get(lineEnd) != CR) {
                byte b = src.get(lineEnd);
                if ((b < 0x20 && b != HT && b >= 0) || b == 0x7f) {   // CTLs; obs-text (>= 0x80) is allowed
                    return Status.BAD_REQUEST;
                }
                lineEnd++;
            }
            if (lineEnd + 1 >= to || src.get(lineEnd + 1) != LF) {
                return Status.BAD_REQUEST;                   // bare CR, or LF without CR
            }
            int valueEnd = lineEnd;
            while (valueEnd > valueStart && (src.get(valueEnd - 1) == SP || src.get(valueEnd - 1) == HT)) {
                valueEnd--;
            }
            if (equalsIgnoreCase(src, p, nameEnd, CONTENT_LENGTH)) {
                if (contentLength >= 0) {
                    return Status.BAD_REQUEST;                // duplicate, equal or not
                }
                contentLength = parseContentLength(src, valueStart, valueEnd);
                if (contentLength < 0) {
                    return Status.BAD_REQUEST;
                }
            } else if (equalsIgnoreCase(src, p, nameEnd, TRANSFER_ENCODING)) {
                transferEncoding = true;
            } else if (equalsIgnoreCase(src, p, nameEnd, CONNECTION)) {
                close |= containsToken(src, valueStart, valueEnd, CLOSE);
                keepAliveAsked |= containsToken(src, valueStart, valueEnd, KEEP_ALIVE);
            } else if (equalsIgnoreCase(src, p, nameEnd, AUTHORIZATION)) {
                authStart = valueStart;
                authEnd = valueEnd;
            }
            p = lineEnd + 2;
        }
        if (transferEncoding) {
            return Status.NOT_IMPLEMENTED;
        }
        if (contentLength > limits.maxBodyBytes()) {
            return Status.CONTENT_TOO_LARGE;
        }
        boolean keepAlive = minor == 1 ? !close : keepAliveAsked && !close;
        request.set(src, targetStart, pathEnd, targetEnd, authStart, authEnd, minor, keepAlive,
                Math.max(contentLength, 0));
        return null;
    }

    private Result fail(Status status) {
        error = status;
        partial = null;
        partialView = null;
        return Result.ERROR;
    }

    private void appendPartial(ByteBuffer buf, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (partial == null || partialLength + n > partial.length) {
            int capacity = Math.max(partial == null ? INITIAL_PARTIAL_BYTES : partial.length * 2, partialLength + n);
            byte[] grown = new byte[Math.min(capacity, limits.maxHeadBytes())];
            if (partial != null) {
                System.arraycopy(partial, 0, grown, 0, partialLength);
            }
            partial = grown;
            partialView = ByteBuffer.wrap(grown);
        }
        buf.get(from, partial, partialLength, n);
        partialLength += n;
    }

    private static long parseContentLength(ByteBuffer src, int from, int to) {
        if (from == to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            byte b = src.get(i);
            if (!isDigit(b)) {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    /** Whether the comma-separated list in [from, to) holds {@code token}, ignoring case and OWS. */
    private static boolean containsToken(ByteBuffer src, int from, int to, byte[] token) {
        int i = from;
        while (i < to) {
            while (i < to && (src.get(i) == SP || src.get(i) == HT || src.get(i) == ',')) {
                i++;
            }
            int end = i;
            while (end < to && src.get(end) != ',') {
                end++;
            }
            int trimmed = end;
            while (trimmed > i && (src.get(trimmed - 1) == SP || src.get(trimmed - 1) == HT)) {
                trimmed--;
            }
            if (equalsIgnoreCase(src, i, trimmed, token)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private static boolean equalsIgnoreCase(ByteBuffer src, int from, int to, byte[] lowerToken) {
        if (to - from != lowerToken.length) {
            return false;
        }
        for (int i = 0; i < lowerToken.length; i++) {
            byte b = src.get(from + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerToken[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean rangeEquals(ByteBuffer src, int from, int to, byte[] expected) {
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

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** RFC 9110 tchar. */
    private static boolean isTchar(byte b) {
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || isDigit(b)) {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    private static byte[] lower(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
