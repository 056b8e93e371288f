package io.concbench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Encodes the one request a run sends, once, before the run: the hot path only ever copies these
 * bytes to a socket. Stateless.
 */
final class RequestEncoder {

    private RequestEncoder() {}

    /** {@code GET} with a Host header (unless one of {@code headers} is a Host) and {@code headers}, as bytes. */
    static byte[] encode(HttpTarget target, List<String> headers) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("GET ").append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
        boolean hostGiven = headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("host:"));
        if (!hostGiven) {
            sb.append("Host: ").append(target.hostHeader()).append("\r\n");
        }
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code copies} back-to-back copies of {@code request} in one direct buffer: a connection sends
     * k pipelined requests with one write by setting the limit to {@code k * request.length}.
     */
    static ByteBuffer batch(byte[] request, int copies) {
        ByteBuffer b = ByteBuffer.allocateDirect(request.length * copies);
        for (int i = 0; i < copies; i++) {
            b.put(request);
        }
        return b.clear();
    }

    /** Rejects a header the server could not parse or that would split the request; message names it. */
    static void validateHeader(String header) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("-H '" + header + "': expected \"Name: value\"");
        }
        for (int i = 0; i < header.length(); i++) {
            char ch = header.charAt(i);
            if (ch == '\r' || ch == '\n' || ch > 0xFF) {
                throw new IllegalArgumentException("-H '" + header.strip() + "': a header must be one line of Latin-1 text");
            }
            if (i < colon && (ch <= ' ' || ch == 0x7F)) {
                throw new IllegalArgumentException("-H '" + header + "': the header name must not contain spaces or control characters");
            }
        }
    }
}
