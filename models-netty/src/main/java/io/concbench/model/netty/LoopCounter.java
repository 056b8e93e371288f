package io.concbench.model.netty;

import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What each Netty event loop counts, one slot each in its {@link Slots}; how {@code stats} reports each
 * over the loops. The same names as the reactor's counters, so the two read side by side.
 */
enum LoopCounter {

    /** Connections registered with the loop: reported per loop as its {@code WorkerShare}. */
    CONNECTIONS(true, "connections"),
    /** Requests answered on the loop: reported per loop as its {@code WorkerShare}. */
    REQUESTS(true, "requests"),
    /** Connections closed because their unsent output passed the high-water mark. */
    PENDING_OUTPUT_OVERFLOWS(false, "pendingOutputOverflows"),
    IO_ERRORS(false, "ioErrors"),
    /** Deferred replies still pending when their connection closed: counted as answered, never sent. */
    REPLIES_DROPPED(false, "repliesDropped"),
    UNEXPECTED_FAILURES(false, "unexpectedFailures");

    /** The counters that {@code stats} reports as totals over the loops, in report order. */
    static final List<LoopCounter> TOTALS = Arrays.stream(values()).filter(c -> !c.share).toList();

    final boolean share;
    final String statsName;

    LoopCounter(boolean share, String statsName) {
        this.share = share;
        this.statsName = statsName;
    }

    /**
     * One loop's counters: written by that loop's thread only, with a release store of the value it alone
     * updates (a plain store on the hot path); read by any thread for stats, a little late, never torn.
     */
    static final class Slots {
        /** A parser is out of the pool only while its connection is mid-request, so few are needed. */
        static final int PARSER_POOL_MAX = 16;
        final int loop;
        private final AtomicLongArray counts = new AtomicLongArray(values().length);
        /** Parsers between requests, kept for reuse; the loop's own thread only. */
        private final ArrayDeque<RequestParser> parsers = new ArrayDeque<>();

        Slots(int loop) {
            this.loop = loop;
        }

        /** The loop's own thread only. */
        void count(LoopCounter c) {
            counts.lazySet(c.ordinal(), counts.getPlain(c.ordinal()) + 1);
        }

        /** The loop's own thread only. */
        RequestParser takeParser(HttpLimits limits) {
            RequestParser p = parsers.poll();
            return p != null ? p : new RequestParser(limits);
        }

        /** The loop's own thread only; only a parser between requests comes back. */
        void returnParser(RequestParser p) {
            if (parsers.size() < PARSER_POOL_MAX) {
                parsers.push(p);
            }
        }

        /** Any thread. */
        long get(LoopCounter c) {
            return counts.get(c.ordinal());
        }
    }
}
