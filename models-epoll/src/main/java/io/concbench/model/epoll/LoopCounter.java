package io.concbench.model.epoll;

import java.util.Arrays;
import java.util.List;

/**
 * What an {@link EpollLoop} counts, one slot each in the loop's counter array, and how the server
 * reports each over all its loops. The reported ones appear in {@code stats} counters under
 * {@link #statsName}, in this order; a new counter is one more constant here.
 */
enum LoopCounter {

    /** Connections registered with the loop: reported per loop as its {@code WorkerShare}. */
    CONNECTIONS(Across.SHARE, "connections"),
    /** Requests answered on the loop: reported per loop as its {@code WorkerShare}. */
    REQUESTS(Across.SHARE, "requests"),
    /** Connections closed because their unsent output passed the cap. */
    PENDING_OUTPUT_OVERFLOWS(Across.SUM, "pendingOutputOverflows"),
    /** Bytes of responses waiting for the socket to drain now; goes down as well as up. */
    PENDING_OUTPUT_BYTES(Across.SUM, "pendingOutputBytes"),
    /** The most one connection ever held unsent. */
    PENDING_OUTPUT_PEAK_BYTES(Across.MAX, "pendingOutputPeakBytes"),
    IO_ERRORS(Across.SUM, "ioErrors"),
    ACCEPT_FAILURES(Across.SUM, "acceptFailures"),
    /** Deferred replies still pending when their connection closed: counted as answered, never sent. */
    REPLIES_DROPPED(Across.SUM, "repliesDropped"),
    UNEXPECTED_FAILURES(Across.SUM, "unexpectedFailures"),
    /** 0 or 1: counted by the loop's own thread as it dies. */
    LOOP_FAILURES(Across.SUM, "loopFailures");

    /** How the loops' values of a counter become the server's figure. */
    enum Across {
        /** Not summed: each loop's value is reported as that loop's share. */
        SHARE,
        SUM,
        MAX
    }

    /** The counters that {@code stats} reports as totals over the loops, in report order. */
    static final List<LoopCounter> TOTALS = Arrays.stream(values()).filter(c -> c.across != Across.SHARE).toList();

    final Across across;
    final String statsName;

    LoopCounter(Across across, String statsName) {
        this.across = across;
        this.statsName = statsName;
    }

    /** The server's figure so far after one more loop's {@code value}. */
    long total(long soFar, long value) {
        return across == Across.MAX ? Math.max(soFar, value) : soFar + value;
    }
}
