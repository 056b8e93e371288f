package io.concbench.model.epoll;

import io.concbench.harness.ServerConfig;

import java.util.Map;
import java.util.Set;

/**
 * The epoll model's own knobs, every default in one place, as the reactor's. Built from
 * {@link ServerConfig#options()} by {@link #from}; the compact constructor rejects values the model
 * cannot use.
 *
 * @param loops event loops, each a platform thread with its own epoll instance
 * @param readBufferBytes the native read buffer each loop shares among its connections; also bounds
 *                        how many pipelined requests one read can answer at once
 * @param maxPendingOutputBytes output one connection may hold that the socket did not take; a
 *                              connection that would hold more is closed and counted
 * @param sendBufferBytes SO_SNDBUF for accepted sockets; 0 leaves the kernel's auto-tuned default
 */
record EpollOptions(int loops, int readBufferBytes, int maxPendingOutputBytes, int sendBufferBytes) {

    /** Holds a 16-deep pipeline of large requests; a whole 8 KiB head needs at most two reads. */
    static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;
    /** microhttp's and Netty's order of magnitude for a write high-water mark. */
    static final int DEFAULT_MAX_PENDING_OUTPUT_BYTES = 64 * 1024;
    static final int KERNEL_DEFAULT = 0;

    /** Below this a request line plus a few headers needs many reads: pointless. */
    static final int MIN_READ_BUFFER_BYTES = 256;
    /** Pending output must hold at least one whole response. */
    static final int MIN_MAX_PENDING_OUTPUT_BYTES = 4 * 1024;
    static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;
    /** One epoll instance and one thread each; beyond this is a typo, not a configuration. */
    static final int MAX_LOOPS = 1024;

    static final String READ_BUFFER = "read-buffer";
    static final String MAX_PENDING_OUTPUT = "max-pending-output";
    static final String SEND_BUFFER = "send-buffer";
    static final Set<String> NAMES = Set.of(READ_BUFFER, MAX_PENDING_OUTPUT, SEND_BUFFER);

    EpollOptions {
        if (loops < 1 || loops > MAX_LOOPS) {
            throw new IllegalArgumentException("--workers (event loops) must be between 1 and " + MAX_LOOPS + ", got " + loops);
        }
        requireRange(READ_BUFFER, readBufferBytes, MIN_READ_BUFFER_BYTES);
        requireRange(MAX_PENDING_OUTPUT, maxPendingOutputBytes, MIN_MAX_PENDING_OUTPUT_BYTES);
        if (sendBufferBytes != KERNEL_DEFAULT) {
            requireRange(SEND_BUFFER, sendBufferBytes, 1);
        }
    }

    /** Reads the model's options from {@code config}, rejecting unknown ones. */
    static EpollOptions from(ServerConfig config, String model) {
        config.requireOnly(model, NAMES);
        Map<String, String> o = config.options();
        return new EpollOptions(
                config.workersOr(Runtime.getRuntime().availableProcessors()),
                bytes(o, READ_BUFFER, DEFAULT_READ_BUFFER_BYTES),
                bytes(o, MAX_PENDING_OUTPUT, DEFAULT_MAX_PENDING_OUTPUT_BYTES),
                bytes(o, SEND_BUFFER, KERNEL_DEFAULT));
    }

    private static int bytes(Map<String, String> options, String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes a number of bytes, e.g. --" + key + " 65536; got '" + v + "'");
        }
    }

    private static void requireRange(String key, int value, int min) {
        if (value < min || value > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + MAX_BUFFER_BYTES
                    + " bytes, got " + value);
        }
    }
}
