package io.concbench.loadgen;

/**
 * Frames HTTP/1.1 responses in place, across any split into reads: the bytes are never copied or
 * kept, so one read buffer serves every connection of an event loop. Only what a load generator
 * needs is extracted: the status code, the framing (Content-Length, chunked, or until close) and
 * whether the server will close the connection. Bodies, reason phrases and every header line
 * that cannot be one of those three are skipped with a tight scan for the line end; only the
 * few bytes that matter go through the state machine.
 *
 * <p>One per connection; used only by its event loop thread; allocation-free after construction.
 *
 * <p>Interim 1xx responses (other than 101) are skipped, as RFC 9110 asks of a client. Anything
 * that is not a well-formed response puts the parser in the failed state; the connection is then
 * closed and its requests counted as read errors.
 */
final class ResponseParser {

    /** Status line plus headers (and, for chunked bodies, trailers) beyond this are refused as malformed. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** A Content-Length or chunk size longer than this many digits cannot be honest. */
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int STATUS_DIGITS = 3;
    private static final int HTTP_1_0 = 0;

    private static final byte[] VERSION_PREFIX = {'H', 'T', 'T', 'P', '/', '1', '.'};
    private static final byte[][] HEADER_NAMES = {
        "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "connection".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "transfer-encoding".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };
    private static final int FIELD_CONTENT_LENGTH = 0;
    private static final int FIELD_CONNECTION = 1;
    private static final int FIELD_TRANSFER_ENCODING = 2;
    private static final int FIELD_OTHER = -1;
    private static final int ALL_HEADER_NAMES = (1 << HEADER_NAMES.length) - 1;

    /** Tokens recognised in Connection and Transfer-Encoding values. */
    private static final byte[][] TOKENS = {
        "close".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "keep-alive".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "chunked".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
    };
    private static final int TOKEN_CLOSE = 0;
    private static final int TOKEN_KEEP_ALIVE = 1;
    private static final int TOKEN_CHUNKED = 2;
    private static final int ALL_TOKENS = (1 << TOKENS.length) - 1;

    // States. One int, switched on per byte.
    private static final int VERSION = 0;
    private static final int VERSION_MINOR = 1;
    private static final int VERSION_SPACE = 2;
    private static final int STATUS = 3;
    private static final int LINE_START = 5;
    private static final int NAME = 6;
    private static final int VALUE = 7;
    private static final int HEAD_END_LF = 8;
    private static final int BODY_LENGTH = 9;
    private static final int BODY_UNTIL_CLOSE = 10;
    private static final int CHUNK_SIZE = 11;
    private static final int CHUNK_EXTENSION = 12;
    private static final int CHUNK_DATA = 13;
    private static final int CHUNK_DATA_CR = 14;
    private static final int CHUNK_DATA_LF = 15;
    private static final int TRAILER_LINE_START = 16;
    private static final int TRAILER_LINE = 17;
    private static final int TRAILER_END_LF = 18;
    private static final int DONE = 19;
    private static final int FAILED = 20;
    /** The rest of a line that cannot matter (reason phrase, an uninteresting header): scanned, not parsed. */
    private static final int SKIP_LINE = 21;

    private int state;
    private int index;                // position within the current literal or field name
    private int headBytes;
    private int minorVersion;
    private int status;
    private int field;
    private int nameCandidates;       // bit i: still matching HEADER_NAMES[i]
    private int tokenCandidates;      // bit i: current value token still matching TOKENS[i]
    private int tokenLength;          // -1 between tokens
    private int digits;
    private long contentLength;
    private long remaining;           // body or chunk bytes still to skip
    private boolean chunked;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean untilClose;

    ResponseParser() {
        next();
    }

    /** Forgets the response just completed (or a failure) and expects the next one's first byte. */
    void next() {
        state = VERSION;
        index = 0;
        headBytes = 0;
        minorVersion = 1;
        status = 0;
        field = FIELD_OTHER;
        contentLength = -1;
        remaining = 0;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
        untilClose = false;
    }

    /** True once a whole response has been consumed; read {@link #status()} and {@link #closeAfter()}, then call {@link #next()}. */
    boolean complete() {
        return state == DONE;
    }

    /** True when the bytes were not an HTTP/1.x response. */
    boolean failed() {
        return state == FAILED;
    }

    /** True when no byte of a response has been consumed since {@link #next()}. */
    boolean idle() {
        return state == VERSION && index == 0;
    }

    /** The status code of the completed response. */
    int status() {
        return status;
    }

    /** True when the server closes the connection after this response (Connection: close, HTTP/1.0, body until close). */
    boolean closeAfter() {
        return connectionClose || untilClose || (minorVersion == HTTP_1_0 && !connectionKeepAlive);
    }

    /**
     * The connection reached end of stream. A body framed by the close is complete now; returns
     * {@link #complete()}.
     */
    boolean endOfStream() {
        if (state == BODY_UNTIL_CLOSE) {
            state = DONE;
        }
        return state == DONE;
    }

    /**
     * Consumes bytes {@code [from, to)} of {@code buf} and returns the index after the last byte
     * consumed. Stops right after a complete response, so pipelined responses are seen one at a
     * time, or on a failure.
     */
    int consume(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            switch (state) {
                case SKIP_LINE -> {
                    int j = i;
                    while (j < to && buf[j] != '\n') {
                        j++;
                    }
                    headBytes += j - i;
                    if (headBytes > MAX_HEAD_BYTES) {
                        state = FAILED;
                    } else if (j < to) {
                        state = LINE_START;
                        j++;
                    }
                    i = j;
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, to - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == BODY_LENGTH ? DONE : CHUNK_DATA_CR;
                    }
                }
                case BODY_UNTIL_CLOSE -> i = to;
                case DONE, FAILED -> {
                    return i;
                }
                case VERSION -> i = index == 0 && to - i >= STATUS_LINE_PREFIX ? statusLine(buf, i) : stepOne(buf, i);
                case LINE_START -> {
                    int eol = indexOfLf(buf, i, to);
                    i = eol >= 0 ? headerLine(buf, i, eol) : stepOne(buf, i);
                }
                default -> i = stepOne(buf, i);
            }
            if (state == DONE || state == FAILED) {
                return i;
            }
        }
        return i;
    }

    /** "HTTP/1.x NNN" and the byte after it. */
    private static final int STATUS_LINE_PREFIX = 13;
    private static final int STATUS_OFFSET = 9;

    /**
     * The whole status line prefix is in the buffer (the usual case): read it in one go. Anything
     * unexpected goes back to the byte-wise path, which fails it or handles it precisely.
     */
    private int statusLine(byte[] buf, int i) {
        for (int k = 0; k < VERSION_PREFIX.length; k++) {
            if (buf[i + k] != VERSION_PREFIX[k]) {
                return stepOne(buf, i);
            }
        }
        byte minor = buf[i + VERSION_PREFIX.length];
        byte d0 = buf[i + STATUS_OFFSET];
        byte d1 = buf[i + STATUS_OFFSET + 1];
        byte d2 = buf[i + STATUS_OFFSET + 2];
        byte after = buf[i + STATUS_OFFSET + STATUS_DIGITS];
        if (minor < '0' || minor > '9' || buf[i + VERSION_PREFIX.length + 1] != ' ' || !digit(d0) || !digit(d1) || !digit(d2)
                || (after != ' ' && after != '\r' && after != '\n')) {
            return stepOne(buf, i);
        }
        minorVersion = minor - '0';
        status = (d0 - '0') * 100 + (d1 - '0') * 10 + (d2 - '0');
        headBytes += STATUS_LINE_PREFIX;
        state = after == '\n' ? LINE_START : SKIP_LINE;
        return i + STATUS_LINE_PREFIX;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int indexOfLf(byte[] buf, int from, int to) {
        for (int j = from; j < to; j++) {
            if (buf[j] == '\n') {
                return j;
            }
        }
        return -1;
    }

    /**
     * A whole header line {@code [start, lf]} is in the buffer (the usual case): find its name at
     * once and read the value only of the three headers that matter. Returns the index after the LF.
     */
    private int headerLine(byte[] buf, int start, int lf) {
        headBytes += lf + 1 - start;
        if (headBytes > MAX_HEAD_BYTES) {
            state = FAILED;
            return lf + 1;
        }
        int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
        if (end == start) {
            endOfHead();
            return lf + 1;
        }
        byte first = buf[start];
        if (first == ' ' || first == '\t' || first == ':') {
            state = FAILED;                  // obsolete line folding or an empty name
            return lf + 1;
        }
        int lower = first | CASE_BIT;
        if (lower != 'c' && lower != 't') {
            return lf + 1;                   // cannot be one of ours: skip it unread
        }
        int colon = start;
        while (colon < end && buf[colon] != ':') {
            if (buf[colon] == ' ' || buf[colon] == '\t') {
                state = FAILED;              // whitespace in a field name
                return lf + 1;
            }
            colon++;
        }
        if (colon == end) {
            state = FAILED;                  // a header line without a colon
            return lf + 1;
        }
        field = FIELD_OTHER;
        for (int f = 0; f < HEADER_NAMES.length; f++) {
            if (nameIs(buf, start, colon, HEADER_NAMES[f])) {
                field = f;
            }
        }
        if (field != FIELD_OTHER) {
            digits = 0;
            tokenLength = -1;
            for (int j = colon + 1; j < end && state != FAILED; j++) {
                value(buf[j]);
            }
            if (state != FAILED) {
                endOfValue();
            }
        }
        return lf + 1;
    }

    /** Letters differ from their upper case by this bit only. */
    private static final int CASE_BIT = 0x20;

    private static boolean nameIs(byte[] buf, int from, int to, byte[] lowerName) {
        if (to - from != lowerName.length) {
            return false;
        }
        for (int k = 0; k < lowerName.length; k++) {
            byte b = buf[from + k];
            int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
            if (lower != lowerName[k]) {
                return false;
            }
        }
        return true;
    }

    /** The byte-wise path: any state, any split. */
    private int stepOne(byte[] buf, int i) {
        byte b = buf[i++];
        boolean inHead = state <= HEAD_END_LF || state >= TRAILER_LINE_START;
        if (inHead && ++headBytes > MAX_HEAD_BYTES) {
            state = FAILED;
        } else {
            step(b);
        }
        return i;
    }

    private void step(byte b) {
        switch (state) {
            case VERSION -> {
                if (b != VERSION_PREFIX[index]) {
                    state = FAILED;
                } else if (++index == VERSION_PREFIX.length) {
                    state = VERSION_MINOR;
                }
            }
            case VERSION_MINOR -> {
                if (b < '0' || b > '9') {
                    state = FAILED;
                } else {
                    minorVersion = b - '0';
                    state = VERSION_SPACE;
                }
            }
            case VERSION_SPACE -> {
                state = b == ' ' ? STATUS : FAILED;
                index = 0;
            }
            case STATUS -> {
                if (index < STATUS_DIGITS) {
                    if (b < '0' || b > '9') {
                        state = FAILED;
                    } else {
                        status = status * 10 + (b - '0');
                        index++;
                    }
                } else if (b == ' ' || b == '\r') {
                    state = SKIP_LINE;       // the reason phrase (a missing one, leniently, too)
                } else if (b == '\n') {
                    state = LINE_START;
                } else {
                    state = FAILED;
                }
            }
            case LINE_START -> {
                if (b == '\r') {
                    state = HEAD_END_LF;
                } else if (b == '\n') {
                    endOfHead();
                } else if (b == ' ' || b == '\t' || b == ':') {
                    state = FAILED;          // obsolete line folding or an empty name
                } else {
                    nameCandidates = ALL_HEADER_NAMES;
                    index = 0;
                    state = NAME;
                    matchName(b);
                    if (nameCandidates == 0) {
                        state = SKIP_LINE;
                    }
                }
            }
            case NAME -> {
                if (b == ':') {
                    field = FIELD_OTHER;
                    for (int f = 0; f < HEADER_NAMES.length; f++) {
                        if ((nameCandidates & (1 << f)) != 0 && HEADER_NAMES[f].length == index) {
                            field = f;
                        }
                    }
                    digits = 0;
                    tokenLength = -1;
                    state = field == FIELD_OTHER ? SKIP_LINE : VALUE;
                } else if (b == '\r' || b == '\n' || b == ' ' || b == '\t') {
                    state = FAILED;
                } else {
                    matchName(b);
                    if (nameCandidates == 0) {
                        state = SKIP_LINE;   // not a header we read: skip to the line end
                    }
                }
            }
            case VALUE -> {
                if (b == '\n') {
                    endOfValue();
                    state = state == FAILED ? FAILED : LINE_START;
                } else if (b != '\r') {
                    value(b);
                }
            }
            case HEAD_END_LF -> {
                if (b == '\n') {
                    endOfHead();
                } else {
                    state = FAILED;
                }
            }
            case CHUNK_SIZE -> chunkSize(b);
            case CHUNK_EXTENSION -> {
                if (b == '\n') {
                    endOfChunkSize();
                }
            }
            case CHUNK_DATA_CR -> {
                if (b == '\r') {
                    state = CHUNK_DATA_LF;
                } else if (b == '\n') {
                    startChunkSize();
                } else {
                    state = FAILED;
                }
            }
            case CHUNK_DATA_LF -> {
                if (b == '\n') {
                    startChunkSize();
                } else {
                    state = FAILED;
                }
            }
            case TRAILER_LINE_START -> {
                if (b == '\r') {
                    state = TRAILER_END_LF;
                } else if (b == '\n') {
                    state = DONE;
                } else {
                    state = TRAILER_LINE;
                }
            }
            case TRAILER_LINE -> {
                if (b == '\n') {
                    state = TRAILER_LINE_START;
                }
            }
            case TRAILER_END_LF -> state = b == '\n' ? DONE : FAILED;
            default -> throw new IllegalStateException("parser state " + state);
        }
    }

    private void matchName(byte b) {
        int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        int alive = nameCandidates;
        for (int f = 0; f < HEADER_NAMES.length; f++) {
            byte[] name = HEADER_NAMES[f];
            if ((alive & (1 << f)) != 0 && (index >= name.length || name[index] != lower)) {
                alive &= ~(1 << f);
            }
        }
        nameCandidates = alive;
        index++;
    }

    private void value(byte b) {
        switch (field) {
            case FIELD_CONTENT_LENGTH -> {
                if (b >= '0' && b <= '9') {
                    if (digits < 0 || ++digits > MAX_LENGTH_DIGITS) {
                        state = FAILED;      // digits after a space, or absurdly long
                    } else {
                        if (digits == 1) {
                            contentLength = 0;
                        }
                        contentLength = contentLength * 10 + (b - '0');
                    }
                } else if (b == ' ' || b == '\t') {
                    if (digits > 0) {
                        digits = -digits;    // trailing whitespace: no more digits may follow
                    }
                } else {
                    state = FAILED;
                }
            }
            case FIELD_CONNECTION, FIELD_TRANSFER_ENCODING -> token(b);
            default -> { }
        }
    }

    private void token(byte b) {
        if (b == ',' || b == ' ' || b == '\t') {
            endOfToken();
            return;
        }
        if (tokenLength < 0) {
            tokenLength = 0;
            tokenCandidates = ALL_TOKENS;
        }
        int lower = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        for (int t = 0; t < TOKENS.length; t++) {
            byte[] tok = TOKENS[t];
            if ((tokenCandidates & (1 << t)) != 0 && (tokenLength >= tok.length || tok[tokenLength] != lower)) {
                tokenCandidates &= ~(1 << t);
            }
        }
        tokenLength++;
    }

    private void endOfToken() {
        if (tokenLength > 0) {
            for (int t = 0; t < TOKENS.length; t++) {
                if ((tokenCandidates & (1 << t)) != 0 && TOKENS[t].length == tokenLength) {
                    if (field == FIELD_CONNECTION && t == TOKEN_CLOSE) {
                        connectionClose = true;
                    } else if (field == FIELD_CONNECTION && t == TOKEN_KEEP_ALIVE) {
                        connectionKeepAlive = true;
                    } else if (field == FIELD_TRANSFER_ENCODING && t == TOKEN_CHUNKED) {
                        chunked = true;
                    }
                }
            }
        }
        tokenLength = -1;
    }

    private void endOfValue() {
        if (field == FIELD_CONTENT_LENGTH && digits == 0) {
            state = FAILED;                  // an empty Content-Length
        } else if (field == FIELD_CONNECTION || field == FIELD_TRANSFER_ENCODING) {
            endOfToken();
        }
        field = FIELD_OTHER;
    }

    private void endOfHead() {
        boolean interim = status >= 100 && status < 200 && status != 101;
        if (interim) {
            next();                          // skip it; the final response follows
            return;
        }
        boolean noBody = status == 101 || status == 204 || status == 304 || status < 100;
        if (status == 101) {
            connectionClose = true;          // the connection no longer speaks HTTP/1.1
        }
        if (noBody) {
            state = DONE;
        } else if (chunked) {
            startChunkSize();
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = remaining == 0 ? DONE : BODY_LENGTH;
        } else {
            untilClose = true;
            state = BODY_UNTIL_CLOSE;
        }
    }

    private void startChunkSize() {
        remaining = 0;
        digits = 0;
        state = CHUNK_SIZE;
    }

    private void chunkSize(byte b) {
        int v = Character.digit(b, 16);
        if (v >= 0 && digits >= 0) {
            if (++digits > MAX_LENGTH_DIGITS - 3) {
                state = FAILED;
            } else {
                remaining = remaining * 16 + v;
            }
        } else if (b == ';') {
            state = CHUNK_EXTENSION;
        } else if (b == '\n') {
            endOfChunkSize();
        } else if (b == '\r' || b == ' ' || b == '\t') {
            if (digits > 0) {
                digits = -digits;
            }
        } else {
            state = FAILED;
        }
    }

    private void endOfChunkSize() {
        if (digits == 0) {
            state = FAILED;
        } else if (remaining == 0) {
            state = TRAILER_LINE_START;
        } else {
            state = CHUNK_DATA;
        }
    }
}
