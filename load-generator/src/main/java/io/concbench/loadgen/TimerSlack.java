package io.concbench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lowers the calling thread's timer slack, so a timed park or select wakes when asked rather than
 * up to 50 µs later. Linux lets the kernel defer a thread's timer expiry by its slack (default
 * 50,000 ns, /proc/PID/timerslack_ns) to batch wake-ups; an open-loop sender parks until the next
 * intended start, so every request left that late: the send-lag p50 of {@code load -c 32 -R 5000}
 * against the reactor was 72 µs before this (see the measurement in the branch's report).
 *
 * <p>A thread may change its own slack without privileges (fs/proc/base.c, timerslack_ns_write),
 * through /proc/TID/timerslack_ns, where TID is the thread's id as /proc/thread-self names it.
 * Best effort: on another OS, or without /proc, nothing changes and the loop is only less punctual.
 */
final class TimerSlack {

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private TimerSlack() {}

    /** Sets the calling thread's timer slack to {@code nanos}; returns whether it took. */
    static boolean setForCurrentThread(long nanos) {
        try {
            // /proc/thread-self -> "PID/task/TID"
            Path link = Files.readSymbolicLink(THREAD_SELF);
            String tid = link.getFileName().toString();
            Path slack = Path.of("/proc", tid, "timerslack_ns");
            Files.writeString(slack, Long.toString(nanos), StandardCharsets.US_ASCII);
            return Long.parseLong(Files.readString(slack, StandardCharsets.US_ASCII).trim()) == nanos;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
