package io.concbench.loadgen;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of one event loop: written only by that loop, read by the reporter once a second.
 * Writes are lazy (release) stores of a value the writer alone updates, so counting costs a plain
 * store on the hot path; a reader sees each counter a little late, never torn.
 */
final class Tally {

    static final int SENT = 0;
    static final int RESPONSES = 1;
    static final int RESPONSES_IN_WINDOW = 2;
    static final int BYTES_READ = 3;
    /** Connects that succeeded, and failed ones by cause: the whole run, warmup included. */
    static final int CONNECTS_OPENED = 4;
    static final int CONNECTS_PORTS_EXHAUSTED = 5;
    static final int CONNECTS_REFUSED = 6;
    static final int CONNECTS_TIMED_OUT = 7;
    static final int CONNECTS_OTHER = 8;
    /** Answers to warm-up requests: only counted, for the report's per-second warm-up rate. */
    static final int WARMUP_RESPONSES = 9;
    /** Error class c is counter {@code FIRST_ERROR + c.ordinal()}. */
    private static final int FIRST_ERROR = 10;
    private static final int ERROR_CLASSES = ErrorClass.values().length;
    private static final int SIZE = FIRST_ERROR + ERROR_CLASSES;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);

    /** Owner thread only. */
    void add(int counter, long n) {
        counts.lazySet(counter, counts.getPlain(counter) + n);
    }

    /** Owner thread only. */
    void add(ErrorClass error, long n) {
        add(FIRST_ERROR + error.ordinal(), n);
    }

    /** Any thread. */
    long get(int counter) {
        return counts.get(counter);
    }

    /** Any thread: the error counters. */
    ErrorCounts errors() {
        long[] e = new long[ERROR_CLASSES];
        for (int i = 0; i < e.length; i++) {
            e[i] = get(FIRST_ERROR + i);
        }
        return ErrorCounts.of(e);
    }
}
