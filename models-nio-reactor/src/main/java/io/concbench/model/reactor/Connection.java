package io.concbench.model.reactor;

import io.concbench.harness.app.Reply;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.http.Response;
import io.concbench.harness.loop.DeferredReply;
import io.concbench.harness.loop.Timer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The state of one accepted connection while it has any, owned by one event loop. Every method is
 * called on that loop's thread and must not block.
 *
 * <p>Heap per idle connection is a headline figure, so this holds only what must outlive one read:
 * the parser while a request is partly read (otherwise it goes back to the loop's pool), output the
 * socket did not take, replies waiting for their turn, and a few state bits. When none of them is
 * left the object detaches from its selection key and is dropped; the next read event makes a new
 * one. An idle keep-alive connection therefore costs only the JDK's channel and selection key.
 *
 * <p>Reading stops while anything is owed to the client — output the socket did not take, or a
 * delayed reply — so one read's worth of requests is the most a connection can have in hand: the
 * kernel's buffers, not the heap, hold a pipelining client back.
 */
final class Connection implements DeferredReply.Owner {

    /**
     * After a reply that closes: how long to read and discard what the client still sends, so that it
     * sees the response and not a reset. The blocking models linger the same way.
     */
    static final long LINGER_MILLIS = 1_000;
    static final int LINGER_MAX_BYTES = 64 * 1024;
    /** First allocation for output the socket did not take; grows by doubling up to the cap. */
    static final int INITIAL_PENDING_BYTES = 4 * 1024;

    private static final int INPUT_ENDED = 1;       // the client half-closed: answer what it asked, then close
    private static final int CLOSING = 1 << 1;      // a reply that closes is queued: parse no further requests
    private static final int LINGERING = 1 << 2;    // output shut down; discarding input until EOF, a limit or a deadline
    private static final int CLOSED = 1 << 3;
    private static final int DETACHED = 1 << 4;     // dropped while idle; only stale timers may still call it

    private final EventLoop loop;
    private final SelectionKey key;
    private final SocketChannel channel;
    private RequestParser parser;
    private ByteBuffer pending;                     // read mode: [position, limit) is owed to the socket
    private DeferredReply firstDeferred;
    private DeferredReply lastDeferred;
    private int state;
    private int lingeredBytes;
    private Timer headerDeadline;         // armed while a request head is partly read, else null

    /** Attaches itself to {@code key}, whose channel is a connected {@link SocketChannel}. */
    Connection(EventLoop loop, SelectionKey key) {
        this.loop = loop;
        this.key = key;
        this.channel = (SocketChannel) key.channel();
        key.attach(this);
    }

    boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /** Closed, or detached as idle: either way a late timer must not touch the key. */
    private boolean isGone() {
        return (state & (CLOSED | DETACHED)) != 0;
    }

    /** The selector found this connection ready. */
    void ready(int readyOps) {
        // Inline, not through step(): this runs per event, and a capturing lambda here would allocate.
        try {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                writePending();
            } else if ((readyOps & SelectionKey.OP_READ) != 0) {
                if ((state & LINGERING) != 0) {
                    discardInput();
                } else {
                    readAndServe();
                }
            }
            settle();
            detachIfIdle();
        } catch (IOException e) {
            loop.count(LoopCounter.IO_ERRORS);                         // mostly a peer reset
            close();
        } catch (RuntimeException e) {
            loop.unexpectedFailure(e);
            close();
        } finally {
            loop.writeBuffer.clear();               // shared by the loop's connections: never leave bytes for the next one
        }
    }

    /** A timer-driven step of I/O, ending as an event does: a failure closes the connection, the loop's buffer is left empty. */
    private void step(IoStep s) {
        try {
            s.run();
        } catch (IOException e) {
            loop.count(LoopCounter.IO_ERRORS);                         // mostly a peer reset
            close();
        } catch (RuntimeException e) {
            loop.unexpectedFailure(e);
            close();
        } finally {
            loop.writeBuffer.clear();               // shared by the loop's connections: never leave bytes for the next one
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    /** The earliest of this connection's delayed replies may be due; sends every due reply at the head, in order. */
    @Override
    public void deferredDue() {
        if (isGone()) {
            return;
        }
        step(() -> {
            long now = loop.nanoTime();
            DeferredReply d;
            while ((d = firstDeferred) != null && d.deadlineNanos - now <= 0 && !isClosed()) {
                firstDeferred = d.next;
                if (firstDeferred == null) {
                    lastDeferred = null;
                }
                send(d.response.encode(d.header));
                if (d.countsAsAnswer) {
                    loop.counters.requestAnswered();
                }
            }
            flushBatch();
            settle();
            detachIfIdle();
        });
    }

    /** Closes at once, dropping whatever is owed. Idempotent; a detached object no longer owns the channel. */
    void close() {
        if (isGone()) {
            return;
        }
        state |= CLOSED;
        try {
            channel.close();                        // also cancels the key
        } catch (IOException ignored) {
            // closing is best effort
        }
        if (pending != null) {
            loop.add(LoopCounter.PENDING_OUTPUT_BYTES, -pending.remaining());
            pending = null;
        }
        parser = null;
        for (DeferredReply d = firstDeferred; d != null; d = d.next) {
            if (d.countsAsAnswer) {
                // Keeps in-flight honest; the blocking models count a reply to a vanished client as answered too.
                loop.counters.requestAnswered();
                loop.count(LoopCounter.REPLIES_DROPPED);
            }
        }
        firstDeferred = null;                       // their timers find this connection closed and do nothing
        lastDeferred = null;
        loop.connectionClosed();
    }

    /** Drops this object when nothing is left that must outlive the event: the key then carries no attachment. */
    private void detachIfIdle() {
        if (state == 0 && parser == null && pending == null && firstDeferred == null) {
            state = DETACHED;
            key.attach(null);
        }
    }

    private void readAndServe() throws IOException {
        ByteBuffer in = loop.readBuffer;
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            state |= INPUT_ENDED;
            return;
        }
        if (n == 0) {
            return;
        }
        in.flip();
        RequestParser p = parser != null ? parser : loop.takeParser();
        parser = p;
        serve(in, p);
        flushBatch();                               // every answer to this read in one write
        if (parser != null && !isClosed() && !parser.midRequest()) {
            loop.returnParser(parser);
            parser = null;
        }
        armHeaderDeadline();
    }

    /**
     * A head left partly read gets one deadline, from the read that began it; a head that completes
     * disarms it (the timer then finds itself stale). Slowloris clients trickling bytes do not extend it.
     */
    private void armHeaderDeadline() {
        boolean inHead = parser != null && !isClosed() && parser.inHead();
        if (!inHead) {
            headerDeadline = null;
        } else if (headerDeadline == null) {
            headerDeadline = Timer.at(loop.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(loop.headerTimeoutMillis()), this::headerTimedOut);
            loop.timers.add(headerDeadline);
        }
    }

    /** The head did not arrive within the header timeout: 408, then close as after any error. */
    private void headerTimedOut(Timer which) {
        if (isGone() || headerDeadline != which || (state & CLOSING) != 0) {
            return;                                 // a stale timer: the head completed, or the connection is gone
        }
        headerDeadline = null;
        if (pending != null || firstDeferred != null) {
            // We stopped reading this client (it owes us nothing while we owe it): its head may be
            // complete in the kernel. Give it a fresh deadline from now instead of a 408.
            armHeaderDeadline();
            return;
        }
        step(() -> {
            loop.counters.headerTimeout();
            parser = null;                          // its half-read head is abandoned with it
            state |= CLOSING;
            reply(TIMEOUT, Response.Connection.CLOSE, 0, false);
            flushBatch();
            settle();
        });
    }

    /** Answers every complete request in {@code in}, in order, until it is empty or a reply closes. */
    private void serve(ByteBuffer in, RequestParser p) throws IOException {
        while ((state & (CLOSING | CLOSED)) == 0) {
            RequestParser.Result result = p.parse(in);
            if (result == RequestParser.Result.NEED_MORE) {
                return;
            }
            loop.count(LoopCounter.REQUESTS);
            if (result == RequestParser.Result.ERROR) {
                loop.counters.badRequest();
                parser = null;                      // errors are final: this parser is not reused
                state |= CLOSING;
                reply(Response.error(p.error()), Response.Connection.CLOSE, 0, false);
                return;
            }
            Request request = p.request();
            loop.counters.requestStarted();
            Reply r = loop.app.handle(request);     // /cpu computes here, on the loop, on purpose
            boolean close = r.close() || !request.keepAlive();
            if (close) {
                state |= CLOSING;
            }
            reply(r.response(), close ? Response.Connection.CLOSE : request.responseConnection(), r.delayMillis(), true);
        }
    }

    private void reply(Response response, Response.Connection header, long delayMillis, boolean countsAsAnswer)
            throws IOException {
        if (delayMillis == 0 && firstDeferred == null) {
            send(response.encode(header));
            if (countsAsAnswer) {
                loop.counters.requestAnswered();
            }
            return;
        }
        // Delayed, or behind a delayed one: queue it so that answers leave in request order.
        long deadline = loop.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        DeferredReply d = new DeferredReply(deadline, this, response, header, countsAsAnswer);
        if (lastDeferred == null) {
            firstDeferred = d;
        } else {
            lastDeferred.next = d;
        }
        lastDeferred = d;
        if (delayMillis > 0) {
            loop.timers.add(d);
        }
    }

    /** Adds a response to the loop's batch buffer, which is written when full and after each read. */
    private void send(byte[] response) throws IOException {
        if (pending != null) {
            hold(ByteBuffer.wrap(response));        // the socket is full: queue behind what already waits
            return;
        }
        ByteBuffer out = loop.writeBuffer;
        if (response.length > out.remaining()) {
            flushBatch();
            if (isClosed()) {
                return;
            }
            if (pending != null) {
                hold(ByteBuffer.wrap(response));
                return;
            }
            if (response.length > out.capacity()) {
                ByteBuffer whole = ByteBuffer.wrap(response);
                channel.write(whole);
                if (whole.hasRemaining()) {
                    hold(whole);
                }
                return;
            }
        }
        out.put(response);
    }

    /** Writes this connection's part of the batch buffer; what the socket does not take is held. */
    private void flushBatch() throws IOException {
        ByteBuffer out = loop.writeBuffer;
        if (out.position() == 0 || isClosed()) {
            out.clear();
            return;
        }
        out.flip();
        try {
            if (pending == null) {
                channel.write(out);
            }
            if (out.hasRemaining()) {
                hold(out);
            }
        } finally {
            out.clear();
        }
    }

    /** Keeps output the socket did not take; past the cap, closes the connection and counts it. */
    private void hold(ByteBuffer src) {
        int n = src.remaining();
        int held = pending == null ? 0 : pending.remaining();
        if (held + n > loop.options.maxPendingOutputBytes()) {
            loop.count(LoopCounter.PENDING_OUTPUT_OVERFLOWS);
            close();
            return;
        }
        if (pending == null) {
            pending = ByteBuffer.allocate(Math.min(loop.options.maxPendingOutputBytes(), Math.max(n, INITIAL_PENDING_BYTES)));
            pending.limit(0);
        } else if (pending.capacity() - pending.limit() < n) {
            if (pending.capacity() >= held + n) {
                pending.compact().flip();
            } else {
                int capacity = Math.min(loop.options.maxPendingOutputBytes(), Math.max(held + n, pending.capacity() * 2));
                ByteBuffer grown = ByteBuffer.allocate(capacity);
                grown.put(0, pending, pending.position(), held).limit(held);
                pending = grown;
            }
        }
        int at = pending.limit();
        pending.limit(at + n);
        pending.put(at, src, src.position(), n);
        src.position(src.limit());
        loop.add(LoopCounter.PENDING_OUTPUT_BYTES, n);
        loop.raise(LoopCounter.PENDING_OUTPUT_PEAK_BYTES, pending.remaining());
    }

    private void writePending() throws IOException {
        // Through the loop's direct buffer: writing a heap buffer would copy it into a temporary direct one anyway.
        ByteBuffer out = loop.writeBuffer;
        while (pending != null) {
            int n = Math.min(out.capacity(), pending.remaining());
            out.clear();
            out.put(0, pending, pending.position(), n).limit(n);
            int written = channel.write(out);
            pending.position(pending.position() + written);
            loop.add(LoopCounter.PENDING_OUTPUT_BYTES, -written);
            if (!pending.hasRemaining()) {
                pending = null;                     // an idle connection keeps no buffer
            } else if (written < n) {
                return;                             // the socket is full again
            }
        }
    }

    private void discardInput() throws IOException {
        ByteBuffer in = loop.readBuffer;
        in.clear();
        int n = channel.read(in);
        if (n < 0 || (lingeredBytes += n) >= LINGER_MAX_BYTES) {
            close();
        }
    }

    /** After any event: takes whatever step the owed output and replies now allow, and sets the interest ops to match. */
    private void settle() throws IOException {
        if (isClosed()) {
            return;
        }
        boolean owesNothing = pending == null && firstDeferred == null;
        if (owesNothing && (state & LINGERING) == 0) {
            if ((state & INPUT_ENDED) != 0) {
                close();                            // answered all the client asked before it half-closed
                return;
            }
            if ((state & CLOSING) != 0) {
                startLinger();
            }
        }
        int ops;
        if (pending != null) {
            ops = SelectionKey.OP_WRITE;            // stop reading until the client has taken what it is owed
        } else if ((state & LINGERING) != 0) {
            ops = SelectionKey.OP_READ;
        } else if (!owesNothing || (state & (CLOSING | INPUT_ENDED)) != 0) {
            ops = 0;                                // a delayed reply is pending: read the next requests after it
        } else {
            ops = SelectionKey.OP_READ;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void startLinger() throws IOException {
        state |= LINGERING;
        channel.shutdownOutput();                   // the client sees EOF after the last response
        // Closes a lingering connection whose client neither closed nor stopped sending in time.
        loop.timers.add(Timer.at(loop.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS), t -> close()));
    }

    private static final Response TIMEOUT = Response.error(io.concbench.harness.http.Status.REQUEST_TIMEOUT);
}
