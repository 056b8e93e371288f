package io.concbench.model.netty;

import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.loop.LoopCounts;
import io.concbench.harness.loop.ParserPool;

import java.util.Arrays;
import java.util.List;

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
        final int loop;
        private final LoopCounts<LoopCounter> counts = new LoopCounts<>(LoopCounter.class);
        /** Parsers between requests, made on the loop's first read (the limits come with it); the loop's own thread only. */
        private ParserPool parsers;

        Slots(int loop) {
            this.loop = loop;
        }

        /** The loop's own thread only. */
        void count(LoopCounter c) {
            counts.count(c);
        }

        /** The loop's own thread only. */
        RequestParser takeParser(HttpLimits limits) {
            if (parsers == null) {
                parsers = new ParserPool(limits);
            }
            return parsers.take();
        }

        /** The loop's own thread only; only a parser between requests comes back. */
        void returnParser(RequestParser p) {
            parsers.give(p);
        }

        /** Any thread. */
        long get(LoopCounter c) {
            return counts.get(c);
        }
    }
}
