package io.concbench.harness.loop;

/**
 * The bounds every event-loop model (reactor, epoll, netty) puts on its options, with the one
 * sentence each says when a value is outside them. A model's defaults and lower bounds stay in its
 * own options record: they are its choices; these outer bounds only catch typos.
 */
public final class LoopLimits {

    /** One thread and one selector or epoll instance each; beyond this is a typo, not a configuration. */
    public static final int MAX_LOOPS = 1024;
    /** A read buffer or output cap beyond this is a typo, not a configuration. */
    public static final int MAX_BUFFER_BYTES = 64 * 1024 * 1024;

    private LoopLimits() {
    }

    /** Rejects a number of event loops outside 1 to {@link #MAX_LOOPS}. */
    public static void requireLoops(int loops) {
        if (loops < 1 || loops > MAX_LOOPS) {
            throw new IllegalArgumentException("--workers (event loops) must be between 1 and " + MAX_LOOPS + ", got " + loops);
        }
    }

    /** Rejects a byte count of option {@code key} outside {@code min} to {@link #MAX_BUFFER_BYTES}. */
    public static void requireBytes(String key, int value, int min) {
        if (value < min || value > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("--" + key + " must be between " + min + " and " + MAX_BUFFER_BYTES
                    + " bytes, got " + value);
        }
    }
}
