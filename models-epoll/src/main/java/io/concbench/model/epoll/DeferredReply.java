package io.concbench.model.epoll;

import io.concbench.harness.http.Response;

/**
 * A reply that cannot be sent yet: an {@code /io} reply waiting for its delay, or any reply queued
 * behind one (pipelined answers leave in request order). Linked per connection through {@link #next};
 * only the delayed ones are also in the loop's {@link Timers}.
 */
final class DeferredReply extends Timer {

    final Connection connection;
    final Response response;
    final Response.Connection header;
    /** False for a codec error reply: {@code ServerCounters.badRequest()} counted it when it was queued. */
    final boolean countsAsAnswer;
    DeferredReply next;

    DeferredReply(long deadlineNanos, Connection connection, Response response, Response.Connection header,
                  boolean countsAsAnswer) {
        super(deadlineNanos);
        this.connection = connection;
        this.response = response;
        this.header = header;
        this.countsAsAnswer = countsAsAnswer;
    }

    @Override
    void expire() {
        connection.deferredDue();
    }
}
