package io.concbench.model.netty;

import io.concbench.harness.app.Reply;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.http.Response;
import io.concbench.harness.http.Status;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One connection, as the reactor's {@code Connection} serves it, on a Netty channel. Every method runs on
 * the channel's event loop and must not block.
 *
 * <p>With the harness codec, {@link #channelRead} gets the raw {@link ByteBuf}s and feeds them to the
 * harness's {@link RequestParser}; with {@code --codec netty}, it gets the {@link FullHttpRequest}s of
 * Netty's decoder and aggregator, and reaches the same {@code App} through a synthesized minimal head
 * (method, target, version, Connection, Authorization). Either way the answers to one read batch are
 * gathered in one pooled direct buffer and flushed once, in {@link #channelReadComplete}.
 *
 * <p>Reading stops while anything is owed to the client — output the socket did not take, or a delayed
 * reply — as in the reactor. Output past the write-buffer high-water mark closes the connection and is
 * counted. A reply that closes shuts the output down and reads and discards what the client still sends
 * for a while, so that the client sees the response and not a reset.
 */
final class HttpHandler extends ChannelInboundHandlerAdapter {

    /** After a reply that closes: how long to discard input before closing, as the reactor. */
    static final long LINGER_MILLIS = 1_000;
    static final int LINGER_MAX_BYTES = 64 * 1024;
    /** First capacity of a read batch's output buffer; it grows as the answers need. */
    static final int INITIAL_BATCH_BYTES = 1024;

    private static final int CLOSING = 1;           // a reply that closes is queued: parse no further requests
    private static final int INPUT_ENDED = 1 << 1;  // the client half-closed: answer what it asked, then close
    private static final int LINGERING = 1 << 2;    // output shut down; discarding input until EOF, a limit or a deadline
    private static final int CLOSED = 1 << 3;

    private static final Response TIMEOUT = Response.error(Status.REQUEST_TIMEOUT);
    private static final Response OVERLOADED = Response.error(Status.SERVICE_UNAVAILABLE);

    /** Fired by {@link CodecPipeline}'s aggregator when a body passes the limit. */
    static final Object BODY_TOO_LARGE = new Object();

    private final Shared shared;
    private final LoopCounter.Slots slots;
    private ChannelHandlerContext ctx;
    /** Where answers are written: this handler's context, or with Netty's codec one before it, past no encoder. */
    private ChannelHandlerContext out;
    /** Netty's decoder is in front: it, not {@link #parser}, knows where heads begin and end. */
    private boolean nettyCodec;
    private RequestParser parser;                   // held only while a request is partly read
    private ByteBuf batch;                          // the answers of this read batch, not yet written
    private ArrayDeque<Deferred> deferred;          // replies waiting for their timer or their turn
    private int state;
    private int writesInFlight;
    private int lingeredBytes;
    private Future<?> headerDeadline;
    /** --codec netty only: bytes of a head reached the decoder and the head is not decoded yet. */
    private boolean codecInHead;
    /** --codec netty only: a head was decoded and its request (body) is not complete yet. */
    private boolean codecInBody;
    private final ChannelFutureListener onWritten = this::written;

    HttpHandler(Shared shared, LoopCounter.Slots slots) {
        this.shared = shared;
        this.slots = slots;
    }

    /** A reply waiting for its delay or for those before it. */
    private static final class Deferred {
        final Response response;
        final Response.Connection header;
        final boolean countsAsAnswer;
        boolean due;

        Deferred(Response response, Response.Connection header, boolean countsAsAnswer, boolean due) {
            this.response = response;
            this.header = header;
            this.countsAsAnswer = countsAsAnswer;
            this.due = due;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ChannelHandlerContext raw = ctx.pipeline().context(CodecPipeline.RAW_OUTPUT);
        this.out = raw != null ? raw : ctx;
        this.nettyCodec = raw != null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        slots.count(LoopCounter.CONNECTIONS);
        shared.counters().connectionOpened();
        if (shared.counters().connectionsOpen() > shared.maxConnections()) {
            shared.counters().rejected();           // 503 and close, as the reactor; the linger lets the client read it
            state |= CLOSING;
            append(OVERLOADED.encode(Response.Connection.CLOSE));
            flushBatch();
            settle();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if ((state & LINGERING) != 0) {
                if (msg instanceof ByteBuf b && (lingeredBytes += b.readableBytes()) >= LINGER_MAX_BYTES) {
                    close();
                }
                return;
            }
            if ((state & (CLOSING | CLOSED)) != 0) {
                return;                             // after a reply that closes, nothing more is parsed
            }
            if (msg instanceof ByteBuf b) {
                RequestParser p = parser != null ? parser : slots.takeParser(shared.limits());
                parser = p;
                serve(b.nioBuffer(), p);
                if (parser != null && (state & CLOSING) == 0 && !parser.midRequest()) {
                    slots.returnParser(parser);
                    parser = null;
                }
                armHeaderDeadline();
            } else if (msg instanceof FullHttpRequest r) {
                serveDecoded(r);
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushBatch();                               // every answer to this read batch in one write
        settle();
        if (nettyCodec) {
            armHeaderDeadline();                    // --codec netty: after the decoder has seen the whole read
        }
    }

    /** --codec netty: bytes arrived; unless a body is being read, they begin or continue a head. */
    void codecBytesArrived() {
        if (!codecInBody) {
            codecInHead = true;
        }
    }

    /** --codec netty: the decoder has a whole head. */
    void codecHeadDecoded() {
        codecInHead = false;
        codecInBody = true;
    }

    /** --codec netty: the decoder has a whole request; the next bytes begin a head. */
    void codecRequestDecoded() {
        codecInBody = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            state |= INPUT_ENDED;
            if ((state & LINGERING) != 0) {
                close();
            } else {
                settle();
            }
        } else if (evt == BODY_TOO_LARGE && (state & (CLOSING | CLOSED)) == 0) {
            shared.counters().badRequest();
            state |= CLOSING;
            reply(Response.error(Status.CONTENT_TOO_LARGE), Response.Connection.CLOSE, 0, false);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state |= CLOSED;
        shared.counters().connectionClosed();
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
            headerDeadline = null;
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
        parser = null;
        if (deferred != null) {
            for (Deferred d : deferred) {
                if (d.countsAsAnswer) {
                    // Keeps in-flight honest; every model counts a reply to a vanished client as answered.
                    shared.counters().requestAnswered();
                    slots.count(LoopCounter.REPLIES_DROPPED);
                }
            }
            deferred = null;                        // their timers find this connection closed and do nothing
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            slots.count(LoopCounter.IO_ERRORS);     // mostly a peer reset
        } else {
            slots.count(LoopCounter.UNEXPECTED_FAILURES);
            if (slots.get(LoopCounter.UNEXPECTED_FAILURES) == 1) {
                System.err.println("netty: loop " + slots.loop + ": closed a connection after an unexpected failure: " + cause);
            }
        }
        close();
    }

    /** Answers every complete request in {@code in}, in order, until it is empty or a reply closes. */
    private void serve(ByteBuffer in, RequestParser p) {
        while ((state & (CLOSING | CLOSED)) == 0) {
            RequestParser.Result result = p.parse(in);
            if (result == RequestParser.Result.NEED_MORE) {
                return;
            }
            slots.count(LoopCounter.REQUESTS);
            if (result == RequestParser.Result.ERROR) {
                shared.counters().badRequest();
                parser = null;                      // errors are final: this parser is not reused
                state |= CLOSING;
                reply(Response.error(p.error()), Response.Connection.CLOSE, 0, false);
                return;
            }
            Request request = p.request();
            shared.counters().requestStarted();
            Reply r = shared.app().handle(request); // /cpu computes here, on the loop, on purpose
            boolean close = r.close() || !request.keepAlive();
            if (close) {
                state |= CLOSING;
            }
            reply(r.response(), close ? Response.Connection.CLOSE : request.responseConnection(), r.delayMillis(), true);
        }
    }

    /** Netty's codec parsed the wire; the App sees the same minimal head it would route on. */
    private void serveDecoded(FullHttpRequest r) {
        if (r.decoderResult().isFailure()) {
            Throwable cause = r.decoderResult().cause();
            if (cause instanceof PrematureChannelClosureException) {
                return;                             // the client half-closed mid-head: it asked nothing, gets nothing
            }
            Status status = cause instanceof TooLongHttpLineException ? Status.URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException ? Status.HEADERS_TOO_LARGE
                    : cause instanceof TooLongFrameException ? Status.CONTENT_TOO_LARGE
                    : Status.BAD_REQUEST;
            slots.count(LoopCounter.REQUESTS);
            shared.counters().badRequest();
            state |= CLOSING;
            reply(Response.error(status), Response.Connection.CLOSE, 0, false);
            return;
        }
        StringBuilder head = new StringBuilder(64).append(r.method().name()).append(' ').append(r.uri())
                .append(" HTTP/1.").append(r.protocolVersion().minorVersion()).append("\r\n");
        if (HttpUtil.isKeepAlive(r)) {
            if (r.protocolVersion().minorVersion() == 0) {
                head.append("Connection: keep-alive\r\n");
            }
        } else {
            head.append("Connection: close\r\n");
        }
        String auth = r.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null) {
            head.append("Authorization: ").append(auth).append("\r\n");
        }
        head.append("\r\n");
        RequestParser p = slots.takeParser(shared.limits());
        serve(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1)), p);
        if ((state & CLOSING) == 0 && !p.midRequest()) {
            slots.returnParser(p);
        }
    }

    private void reply(Response response, Response.Connection header, long delayMillis, boolean countsAsAnswer) {
        if (delayMillis == 0 && (deferred == null || deferred.isEmpty())) {
            append(response.encode(header));
            if (countsAsAnswer) {
                shared.counters().requestAnswered();
            }
            return;
        }
        // Delayed, or behind a delayed one: queue it so that answers leave in request order.
        Deferred d = new Deferred(response, header, countsAsAnswer, delayMillis == 0);
        if (deferred == null) {
            deferred = new ArrayDeque<>(4);
        }
        deferred.add(d);
        if (delayMillis > 0) {
            ctx.executor().schedule(() -> {
                d.due = true;
                deferredDue();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends every due reply at the head of the queue, in order. */
    private void deferredDue() {
        if ((state & CLOSED) != 0 || deferred == null) {
            return;
        }
        Deferred d;
        while ((d = deferred.peek()) != null && d.due) {
            deferred.poll();
            append(d.response.encode(d.header));
            if (d.countsAsAnswer) {
                shared.counters().requestAnswered();
            }
        }
        flushBatch();
        settle();
    }

    private void append(byte[] response) {
        if (batch == null) {
            batch = ctx.alloc().directBuffer(Math.max(INITIAL_BATCH_BYTES, response.length));
        }
        batch.writeBytes(response);
    }

    /** Writes and flushes the batch; output past the high-water mark closes the connection and is counted. */
    private void flushBatch() {
        if (batch == null) {
            return;
        }
        ByteBuf b = batch;
        batch = null;
        if ((state & CLOSED) != 0) {
            b.release();
            return;
        }
        writesInFlight++;
        ChannelFuture f = out.writeAndFlush(b);
        if (!ctx.channel().isWritable()) {
            slots.count(LoopCounter.PENDING_OUTPUT_OVERFLOWS);
            close();
        }
        f.addListener(onWritten);
    }

    /** A write left the outbound buffer: written, or failed because the channel closed. */
    private void written(ChannelFuture f) {
        writesInFlight--;
        if (!f.isSuccess()) {
            close();
        } else {
            settle();
        }
    }

    /** After any event: takes whatever step the owed output and replies allow, and reads only when nothing is owed. */
    private void settle() {
        if ((state & CLOSED) != 0) {
            return;
        }
        boolean owesNothing = writesInFlight == 0 && batch == null && (deferred == null || deferred.isEmpty());
        if (owesNothing && (state & LINGERING) == 0) {
            if ((state & INPUT_ENDED) != 0) {
                close();                            // answered all the client asked before it half-closed
                return;
            }
            if ((state & CLOSING) != 0) {
                startLinger();
            }
        }
        boolean read = (state & LINGERING) != 0 || (owesNothing && (state & (CLOSING | INPUT_ENDED)) == 0);
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void startLinger() {
        state |= LINGERING;
        ((DuplexChannel) ctx.channel()).shutdownOutput();   // the client sees EOF after the last response
        ctx.executor().schedule(this::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A head left partly read gets one deadline, from the read that began it; a head that completes
     * cancels it. Slowloris clients trickling bytes do not extend it.
     */
    private void armHeaderDeadline() {
        boolean inHead = (state & (CLOSING | CLOSED)) == 0
                && (nettyCodec ? codecInHead : parser != null && parser.inHead());
        if (!inHead) {
            if (headerDeadline != null) {
                headerDeadline.cancel(false);
                headerDeadline = null;
            }
        } else if (headerDeadline == null) {
            headerDeadline = ctx.executor().schedule(this::headerTimedOut, shared.limits().headerTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The head did not arrive within the header timeout: 408, then close as after any error. */
    private void headerTimedOut() {
        headerDeadline = null;
        if ((state & (CLOSING | CLOSED)) != 0) {
            return;
        }
        if (writesInFlight > 0 || (deferred != null && !deferred.isEmpty())) {
            // We stopped reading this client while we owe it: its head may be complete in the kernel.
            armHeaderDeadline();
            return;
        }
        shared.counters().headerTimeout();
        parser = null;                              // its half-read head is abandoned with it
        state |= CLOSING;
        append(TIMEOUT.encode(Response.Connection.CLOSE));
        flushBatch();
        settle();
    }

    private void close() {
        if ((state & CLOSED) == 0) {
            state |= CLOSED;                        // channelInactive follows and does the accounting
            ctx.close();
        }
    }
}
