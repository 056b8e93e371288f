package io.concbench.model.reactor;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.loop.LoopLimits;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reactor's own knobs, every default in one place. Built from {@link ServerConfig#options()}
 * by {@link #from}; the compact constructor rejects values the reactor cannot use.
 *
 * @param loops event loops, each a platform thread with its own selector
 * @param accept how connections reach the loops
 * @param readBufferBytes the direct read buffer each loop shares among its connections; also bounds
 *                        how many pipelined requests one read can answer at once
 * @param maxPendingOutputBytes output one connection may hold that the socket did not take; a
 *                              connection that would hold more is closed and counted
 * @param sendBufferBytes SO_SNDBUF for accepted sockets; 0 leaves the kernel's auto-tuned default
 */
record ReactorOptions(int loops, AcceptMode accept, int readBufferBytes, int maxPendingOutputBytes,
                      int sendBufferBytes) {

    /** How accepted connections are spread over the loops. */
    enum AcceptMode {
        /** One listener on loop 0; each connection goes to the loop with the fewest open connections. */
        SHARED,
        /** One SO_REUSEPORT listener per loop on the same port; the kernel spreads connections by hash. */
        REUSEPORT;

        String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Chosen by measurement; see package-info for the figures. */
    static final AcceptMode DEFAULT_ACCEPT = AcceptMode.SHARED;
    /** Holds a 16-deep pipeline of large requests; a whole 8 KiB head needs at most two reads. */
    static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;
    /** microhttp's and Netty's order of magnitude for a write high-water mark. */
    static final int DEFAULT_MAX_PENDING_OUTPUT_BYTES = 64 * 1024;
    static final int KERNEL_DEFAULT = 0;

    /** Below this a request line plus a few headers needs many reads: pointless. */
    static final int MIN_READ_BUFFER_BYTES = 256;
    /** Pending output must hold at least one whole response. */
    static final int MIN_MAX_PENDING_OUTPUT_BYTES = 4 * 1024;

    static final String ACCEPT = "accept";
    static final String READ_BUFFER = "read-buffer";
    static final String MAX_PENDING_OUTPUT = "max-pending-output";
    static final String SEND_BUFFER = "send-buffer";
    static final Set<String> NAMES = Set.of(ACCEPT, READ_BUFFER, MAX_PENDING_OUTPUT, SEND_BUFFER);

    ReactorOptions {
        LoopLimits.requireLoops(loops);
        if (accept == null) {
            throw new IllegalArgumentException("--accept must be shared or reuseport");
        }
        LoopLimits.requireBytes(READ_BUFFER, readBufferBytes, MIN_READ_BUFFER_BYTES);
        LoopLimits.requireBytes(MAX_PENDING_OUTPUT, maxPendingOutputBytes, MIN_MAX_PENDING_OUTPUT_BYTES);
        if (sendBufferBytes != KERNEL_DEFAULT) {
            LoopLimits.requireBytes(SEND_BUFFER, sendBufferBytes, 1);
        }
    }

    /** Reads the reactor's options from {@code config}, rejecting unknown ones. */
    static ReactorOptions from(ServerConfig config, String model) {
        config.requireOnly(model, NAMES);
        Map<String, String> o = config.options();
        return new ReactorOptions(
                config.workersOr(Runtime.getRuntime().availableProcessors()),
                acceptMode(o.get(ACCEPT)),
                config.bytesOption(READ_BUFFER, DEFAULT_READ_BUFFER_BYTES),
                config.bytesOption(MAX_PENDING_OUTPUT, DEFAULT_MAX_PENDING_OUTPUT_BYTES),
                config.bytesOption(SEND_BUFFER, KERNEL_DEFAULT));
    }

    private static AcceptMode acceptMode(String value) {
        if (value == null) {
            return DEFAULT_ACCEPT;
        }
        for (AcceptMode m : AcceptMode.values()) {
            if (m.optionValue().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--accept must be shared or reuseport, got '" + value + "'");
    }
}
