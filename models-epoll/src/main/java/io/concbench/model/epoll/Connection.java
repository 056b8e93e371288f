package io.concbench.model.epoll;

import io.concbench.harness.app.Reply;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.http.Response;
import io.concbench.harness.http.Status;
import io.concbench.harness.loop.DeferredReply;
import io.concbench.harness.loop.Timer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The state of one connection of one {@link EpollLoop} for as long as it has any; the connection
 * itself is its fd. Every method is called on the loop's thread and must not block.
 *
 * <p>An event on an idle connection is served by the loop's scratch instance, {@link #reset} to that
 * fd. If the event leaves something that must outlive it — the parser of a partly read request,
 * output the socket did not take, replies waiting for their turn, a linger — the instance is adopted
 * into the loop's per-fd table (and the loop takes a fresh scratch); when none is left it is dropped
 * again. So an idle keep-alive connection has no Java object at all, and a keep-alive request that
 * arrives whole allocates none for its connection.
 *
 * <p>The serving rules are the reactor's, line for line where it can be: reading stops while anything
 * is owed to the client — output the socket did not take, or a delayed reply — so one read's worth of
 * requests is the most a connection can have in hand.
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

    private final EpollLoop loop;
    private int fd = -1;
    private RequestParser parser;
    private ByteBuffer pending;                     // read mode: [position, limit) is owed to the socket
    private DeferredReply firstDeferred;
    private DeferredReply lastDeferred;
    private int state;
    private int lingeredBytes;
    private Timer headerDeadline;                   // armed while a request head is partly read, else null
    private int interest = Linux.EPOLLIN;           // what epoll watches for this fd; 0: out of the set
    private boolean attached;                       // in the loop's per-fd table
    private boolean escaped;                        // a timer holds this instance: it must never be reset for another fd

    Connection(EpollLoop loop) {
        this.loop = loop;
    }

    /** Makes this (scratch) instance the fresh state of an idle connection {@code fd}, registered for EPOLLIN. */
    void reset(int fd) {
        this.fd = fd;
        parser = null;
        pending = null;
        firstDeferred = null;
        lastDeferred = null;
        state = 0;
        lingeredBytes = 0;
        headerDeadline = null;
        interest = Linux.EPOLLIN;
    }

    /** Whether the loop's table or a timer may still reach this instance, so it must not serve as scratch again. */
    boolean mayBeReferenced() {
        return attached || escaped;
    }

    boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /** Closed, or detached as idle: either way a late timer must not touch the fd. */
    private boolean isGone() {
        return (state & (CLOSED | DETACHED)) != 0;
    }

    /** epoll reported {@code events} for this fd. */
    void ready(int events) {
        try {
            // By what we asked for, not by what was reported: an error or hang-up shows in the call's result.
            if ((interest & Linux.EPOLLOUT) != 0) {
                writePending();
            } else if ((interest & Linux.EPOLLIN) != 0) {
                if ((state & LINGERING) != 0) {
                    discardInput();
                } else {
                    readAndServe();
                }
            }
            settle();
            keepOrDrop();
        } catch (IOException e) {
            loop.count(LoopCounter.IO_ERRORS);                         // mostly a peer reset
            close();
        } catch (RuntimeException e) {
            loop.unexpectedFailure(e);
            close();
        } finally {
            loop.writeBuffer.view().clear();        // shared by the loop's connections: never leave bytes for the next one
        }
    }

    /** A timer-driven step of I/O, ending as an event does: a failure closes the connection, the loop's buffer is left empty. */
    private void step(IoStep s) {
        try {
            s.run();
            keepOrDrop();
        } catch (IOException e) {
            loop.count(LoopCounter.IO_ERRORS);
            close();
        } catch (RuntimeException e) {
            loop.unexpectedFailure(e);
            close();
        } finally {
            loop.writeBuffer.view().clear();
        }
    }

    @FunctionalInterface
    private interface IoStep {
        void run() throws IOException;
    }

    /** After an event or timer: adopt this instance while it holds anything, drop it when it holds nothing. */
    private void keepOrDrop() {
        if (isClosed()) {
            return;                                 // close() took it out of the table
        }
        boolean idle = state == 0 && parser == null && pending == null && firstDeferred == null
                && interest == Linux.EPOLLIN;
        if (!idle) {
            if (!attached) {
                loop.adopt(fd, this);
                attached = true;
            }
        } else if (attached || escaped) {
            loop.forget(fd, this);
            attached = false;
            state = DETACHED;                       // stale timers find it gone; the next event starts afresh
        }
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
        });
    }

    /** Closes at once, dropping whatever is owed. Idempotent; a detached instance no longer owns the fd. */
    void close() {
        if (isGone()) {
            return;
        }
        state |= CLOSED;
        attached = false;
        loop.closeConnection(fd);                   // out of the tables first: the number may come back from any accept
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
    }

    private void readAndServe() throws IOException {
        Linux.NativeBuffer rb = loop.readBuffer;
        long n = loop.sys.read(fd, rb, 0, rb.capacity());
        if (n < 0) {
            failUnlessWouldBlock("read");
            return;
        }
        if (n == 0) {
            state |= INPUT_ENDED;
            return;
        }
        ByteBuffer in = rb.view();
        in.clear().limit((int) n);
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

    /** After a call returned -1: nothing to do for EAGAIN or EINTR (the next event retries), else the connection failed. */
    private void failUnlessWouldBlock(String call) throws IOException {
        int errno = loop.sys.errno();
        if (errno != Linux.EAGAIN && errno != Linux.EINTR) {
            throw new IOException(Linux.describe(call, errno));
        }
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
            escaped = true;
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
            escaped = true;
            loop.timers.add(d);
        }
    }

    /** Adds a response to the loop's batch buffer, which is written when full and after each read. */
    private void send(byte[] response) throws IOException {
        if (pending != null) {
            hold(ByteBuffer.wrap(response));        // the socket is full: queue behind what already waits
            return;
        }
        ByteBuffer out = loop.writeBuffer.view();
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
                sendLarge(response);
                return;
            }
        }
        out.put(response);
    }

    /** A response larger than the batch buffer, through it a buffer's worth at a time; what the socket does not take is held. */
    private void sendLarge(byte[] response) throws IOException {
        ByteBuffer out = loop.writeBuffer.view();
        int at = 0;
        while (at < response.length) {
            int n = Math.min(out.capacity(), response.length - at);
            out.clear();
            out.put(0, response, at, n);
            int written = sendOnce(0, n);
            at += written;
            if (written < n) {
                hold(ByteBuffer.wrap(response, at, response.length - at));
                break;
            }
        }
        out.clear();
    }

    /** One send of {@code [offset, offset + length)} of the loop's write buffer; 0 when the socket is full. */
    private int sendOnce(int offset, int length) throws IOException {
        long written = loop.sys.send(fd, loop.writeBuffer, offset, length);
        if (written < 0) {
            failUnlessWouldBlock("send");
            return 0;
        }
        return (int) written;
    }

    /** Writes this connection's part of the batch buffer; what the socket does not take is held. */
    private void flushBatch() throws IOException {
        ByteBuffer out = loop.writeBuffer.view();
        if (out.position() == 0 || isClosed()) {
            out.clear();
            return;
        }
        int length = out.position();
        try {
            int written = pending == null ? sendOnce(0, length) : 0;
            if (written < length) {
                out.limit(length).position(written);
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
        ByteBuffer out = loop.writeBuffer.view();
        while (pending != null) {
            int n = Math.min(out.capacity(), pending.remaining());
            out.clear();
            out.put(0, pending, pending.position(), n);
            int written = sendOnce(0, n);
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
        Linux.NativeBuffer rb = loop.readBuffer;
        long n = loop.sys.read(fd, rb, 0, rb.capacity());
        if (n < 0) {
            failUnlessWouldBlock("read");
            return;
        }
        if (n == 0 || (lingeredBytes += (int) n) >= LINGER_MAX_BYTES) {
            close();
        }
    }

    /** After any event: takes whatever step the owed output and replies now allow, and sets the epoll interest to match. */
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
            ops = Linux.EPOLLOUT;                   // stop reading until the client has taken what it is owed
        } else if ((state & LINGERING) != 0) {
            ops = Linux.EPOLLIN;
        } else if (!owesNothing || (state & (CLOSING | INPUT_ENDED)) != 0) {
            ops = 0;                                // a delayed reply is pending: read the next requests after it
        } else {
            ops = Linux.EPOLLIN;
        }
        if (interest != ops) {
            loop.changeInterest(fd, interest, ops);
            interest = ops;
        }
    }

    private void startLinger() throws IOException {
        state |= LINGERING;
        if (loop.sys.shutdownOutput(fd) != 0) {     // the client sees EOF after the last response
            throw loop.sys.failure("shutdown");
        }
        // Closes a lingering connection whose client neither closed nor stopped sending in time.
        escaped = true;
        loop.timers.add(Timer.at(loop.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS), t -> close()));
    }

    private static final Response TIMEOUT = Response.error(Status.REQUEST_TIMEOUT);
}
