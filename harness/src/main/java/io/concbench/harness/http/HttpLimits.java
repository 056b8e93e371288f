package io.concbench.harness.http;

/**
 * What a request may size up to. Every limit a user can tune lives here, with its default.
 *
 * @param maxRequestLineBytes request line, CRLF excluded; beyond it: 414 and close
 * @param maxHeadBytes request line plus headers, up to and including the blank line; beyond it: 431 and close
 * @param maxHeaders header fields per request; beyond it: 431 and close
 * @param maxBodyBytes declared Content-Length that is read and discarded; beyond it: 413 and close
 * @param headerTimeoutMillis from the first byte of a request head to its end; beyond it: 408 and
 *                            close (slowloris). An idle keep-alive connection, between requests, has
 *                            no timeout: holding idle connections is what memory-per-connection measures
 */
public record HttpLimits(int maxRequestLineBytes, int maxHeadBytes, int maxHeaders, long maxBodyBytes,
                         long headerTimeoutMillis) {

    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4 * 1024;
    public static final int DEFAULT_MAX_HEAD_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADERS = 100;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;

    public static final HttpLimits DEFAULTS = new HttpLimits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEAD_BYTES,
            DEFAULT_MAX_HEADERS, DEFAULT_MAX_BODY_BYTES, DEFAULT_HEADER_TIMEOUT_MILLIS);

    public HttpLimits {
        if (maxRequestLineBytes < 16) {
            throw new IllegalArgumentException("maxRequestLineBytes must be at least 16, got " + maxRequestLineBytes);
        }
        if (maxHeadBytes < maxRequestLineBytes) {
            throw new IllegalArgumentException("maxHeadBytes (" + maxHeadBytes
                    + ") must be at least maxRequestLineBytes (" + maxRequestLineBytes + ")");
        }
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("maxHeaders must be at least 1, got " + maxHeaders);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
        }
        if (headerTimeoutMillis < 1) {
            throw new IllegalArgumentException("--header-timeout must be at least 1 ms, got " + headerTimeoutMillis + " ms");
        }
    }

    /** The same limits with another header timeout. */
    public HttpLimits withHeaderTimeoutMillis(long millis) {
        return new HttpLimits(maxRequestLineBytes, maxHeadBytes, maxHeaders, maxBodyBytes, millis);
    }
}
