package io.concbench.model.netty;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.loop.LoopLimits;
import io.netty.channel.epoll.Epoll;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Netty's knobs, every default in one place. Built from {@link ServerConfig#options()} by {@link #from};
 * the compact constructor rejects values the model cannot use.
 *
 * @param loops event loops, each a platform thread with its own epoll instance or selector
 * @param transport the I/O multiplexer under the loops
 * @param codec who parses HTTP: the harness's parser (same bytes as every model) or Netty's codec
 * @param readBufferBytes the most one read takes from a socket (Netty's adaptive allocator guesses up to
 *                        this); the reactor's read buffer, so one read answers as many pipelined requests
 * @param maxPendingOutputBytes the write-buffer high-water mark: output the socket did not take beyond
 *                              which a connection is closed and counted, as the reactor's cap
 */
record NettyOptions(int loops, Transport transport, Codec codec, int readBufferBytes, int maxPendingOutputBytes) {

    enum Transport {
        /** Netty's native epoll transport (Linux; needs the native library to load). */
        EPOLL,
        /** The JDK's NIO selector, driven by Netty. */
        NIO;

        String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Codec {
        /** The harness's RequestParser and Response bytes: the loop is the only difference from the reactor. */
        HARNESS,
        /** Netty's HttpServerCodec and HttpObjectAggregator, as Netty servers are usually built. */
        NETTY;

        String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** As the reactor's: holds a 16-deep pipeline of large requests. */
    static final int DEFAULT_READ_BUFFER_BYTES = 16 * 1024;
    /** As the reactor's, and Netty's own default high-water mark. */
    static final int DEFAULT_MAX_PENDING_OUTPUT_BYTES = 64 * 1024;
    static final int MIN_READ_BUFFER_BYTES = 256;
    static final int MIN_MAX_PENDING_OUTPUT_BYTES = 4 * 1024;

    static final String TRANSPORT = "transport";
    static final String CODEC = "codec";
    static final String READ_BUFFER = "read-buffer";
    static final String MAX_PENDING_OUTPUT = "max-pending-output";
    static final Set<String> NAMES = Set.of(TRANSPORT, CODEC, READ_BUFFER, MAX_PENDING_OUTPUT);

    NettyOptions {
        LoopLimits.requireLoops(loops);
        if (transport == null || codec == null) {
            throw new IllegalArgumentException("a transport and a codec are required");
        }
        LoopLimits.requireBytes(READ_BUFFER, readBufferBytes, MIN_READ_BUFFER_BYTES);
        LoopLimits.requireBytes(MAX_PENDING_OUTPUT, maxPendingOutputBytes, MIN_MAX_PENDING_OUTPUT_BYTES);
    }

    /** Reads the options from {@code config}, rejecting unknown ones and an epoll that cannot load. */
    static NettyOptions from(ServerConfig config, String model) {
        config.requireOnly(model, NAMES);
        Map<String, String> o = config.options();
        return new NettyOptions(
                config.workersOr(Runtime.getRuntime().availableProcessors()),
                transport(o.get(TRANSPORT)),
                codec(o.get(CODEC)),
                config.bytesOption(READ_BUFFER, DEFAULT_READ_BUFFER_BYTES),
                config.bytesOption(MAX_PENDING_OUTPUT, DEFAULT_MAX_PENDING_OUTPUT_BYTES));
    }

    /** epoll where it loads, else nio. */
    static Transport defaultTransport() {
        return Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO;
    }

    /** What READY and compare call this variant: the codec variant is never mixed with the default. */
    String variant() {
        return "netty-" + transport.optionValue() + (codec == Codec.NETTY ? "+codec" : "");
    }

    private static Transport transport(String value) {
        if (value == null) {
            return defaultTransport();
        }
        if (value.equals("nio")) {
            return Transport.NIO;
        }
        if (value.equals("epoll")) {
            if (!Epoll.isAvailable()) {
                throw new IllegalArgumentException("--transport epoll: Netty's native epoll does not load here ("
                        + Epoll.unavailabilityCause() + "); use --transport nio");
            }
            return Transport.EPOLL;
        }
        throw new IllegalArgumentException("--transport must be epoll or nio, got '" + value + "'");
    }

    private static Codec codec(String value) {
        if (value == null) {
            return Codec.HARNESS;
        }
        for (Codec c : Codec.values()) {
            if (c.optionValue().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--codec must be harness or netty, got '" + value + "'");
    }
}
