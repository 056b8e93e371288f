package io.concbench.loadgen;

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
    static final int CONNECT = 4;
    static final int READ = 5;
    static final int WRITE = 6;
    static final int TIMEOUT = 7;
    static final int STATUS_4XX = 8;
    static final int STATUS_5XX = 9;
    static final int OTHER_STATUS = 10;
    static final int CLOSED_BY_PEER = 11;
    private static final int SIZE = 12;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);

    /** Owner thread only. */
    void add(int counter, long n) {
        counts.lazySet(counter, counts.getPlain(counter) + n);
    }

    /** Any thread. */
    long get(int counter) {
        return counts.get(counter);
    }

    /** Any thread: the error counters as a record. */
    ErrorCounts errors() {
        return new ErrorCounts(get(CONNECT), get(READ), get(WRITE), get(TIMEOUT), get(STATUS_4XX), get(STATUS_5XX),
                get(OTHER_STATUS), get(CLOSED_BY_PEER));
    }
}
