package io.concbench.harness.loop;

import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;

import java.util.ArrayDeque;

/**
 * One event loop's idle parsers: a connection borrows one for a read and gives it back when no
 * request is left half-read, so an idle connection holds none and a busy loop allocates none per
 * request. Not thread-safe: owned by its loop.
 */
public final class ParserPool {

    /** More than a loop ever holds at once between reads; beyond it a returned parser is dropped. */
    static final int MAX = 16;

    private final ArrayDeque<RequestParser> idle = new ArrayDeque<>();
    private final HttpLimits limits;

    public ParserPool(HttpLimits limits) {
        this.limits = limits;
    }

    public RequestParser take() {
        RequestParser p = idle.poll();
        return p != null ? p : new RequestParser(limits);
    }

    /** Only a parser between requests may come back: it holds no state of its last connection. */
    public void give(RequestParser p) {
        if (idle.size() < MAX) {
            idle.push(p);
        }
    }

    int size() {
        return idle.size();
    }
}
