package io.concbench.model.epoll;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.loop.LoopLimits;

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

    static final String READ_BUFFER = "read-buffer";
    static final String MAX_PENDING_OUTPUT = "max-pending-output";
    static final String SEND_BUFFER = "send-buffer";
    static final Set<String> NAMES = Set.of(READ_BUFFER, MAX_PENDING_OUTPUT, SEND_BUFFER);

    EpollOptions {
        LoopLimits.requireLoops(loops);
        LoopLimits.requireBytes(READ_BUFFER, readBufferBytes, MIN_READ_BUFFER_BYTES);
        LoopLimits.requireBytes(MAX_PENDING_OUTPUT, maxPendingOutputBytes, MIN_MAX_PENDING_OUTPUT_BYTES);
        if (sendBufferBytes != KERNEL_DEFAULT) {
            LoopLimits.requireBytes(SEND_BUFFER, sendBufferBytes, 1);
        }
    }

    /** Reads the model's options from {@code config}, rejecting unknown ones. */
    static EpollOptions from(ServerConfig config, String model) {
        config.requireOnly(model, NAMES);
        return new EpollOptions(
                config.workersOr(Runtime.getRuntime().availableProcessors()),
                config.bytesOption(READ_BUFFER, DEFAULT_READ_BUFFER_BYTES),
                config.bytesOption(MAX_PENDING_OUTPUT, DEFAULT_MAX_PENDING_OUTPUT_BYTES),
                config.bytesOption(SEND_BUFFER, KERNEL_DEFAULT));
    }
}
