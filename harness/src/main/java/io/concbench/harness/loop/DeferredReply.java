package io.concbench.harness.loop;

import io.concbench.harness.http.Response;

/**
 * A reply that cannot be sent yet: an {@code /io} reply waiting for its delay, or any reply queued
 * behind one (pipelined answers leave in request order). Linked per connection through {@link #next};
 * only the delayed ones are also in the loop's {@link Timers}.
 */
public final class DeferredReply extends Timer {

    /**
     * The connection a deferred reply belongs to. An interface rather than a callback object so that
     * queuing a reply allocates the reply alone: the connection itself is the owner.
     */
    public interface Owner {

        /** Called on the event-loop thread when one of this owner's deferred replies is due. Must not block. */
        void deferredDue();
    }

    public final Owner owner;
    public final Response response;
    public final Response.Connection header;
    /** False for a codec error reply: {@code ServerCounters.badRequest()} counted it when it was queued. */
    public final boolean countsAsAnswer;
    /** The next reply of the same connection; read and written by its owner on the event-loop thread only. */
    public DeferredReply next;

    public DeferredReply(long deadlineNanos, Owner owner, Response response, Response.Connection header,
                         boolean countsAsAnswer) {
        super(deadlineNanos);
        this.owner = owner;
        this.response = response;
        this.header = header;
        this.countsAsAnswer = countsAsAnswer;
    }

    @Override
    public void expire() {
        owner.deferredDue();
    }
}
