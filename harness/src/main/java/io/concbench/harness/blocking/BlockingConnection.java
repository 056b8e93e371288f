package io.concbench.harness.blocking;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerCounters;
import io.concbench.harness.app.App;
import io.concbench.harness.app.Reply;
import io.concbench.harness.http.Request;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One connection served on one thread in blocking mode. Per-connection state is a parser and two
 * small heap buffers: memory per idle connection is a headline figure.
 */
final class BlockingConnection {

    static final int READ_BUFFER_BYTES = 1024;
    static final int WRITE_BUFFER_BYTES = 1024;
    /** After an error or Connection: close, how long to read and discard what the client still sends, so it sees the response, not a reset. */
    static final int LINGER_MILLIS = 1000;
    static final int LINGER_MAX_BYTES = 64 * 1024;

    private static final Response TIMEOUT = Response.error(io.concbench.harness.http.Status.REQUEST_TIMEOUT);

    private final SocketChannel channel;
    private final long headerTimeoutNanos;
    private final App app;
    private final ServerCounters counters;
    private final RequestParser parser;
    private volatile Thread thread;
    private volatile boolean aborted;

    BlockingConnection(SocketChannel channel, ServerConfig config, ServerCounters counters) {
        this.channel = channel;
        this.app = config.app();
        this.counters = counters;
        this.parser = new RequestParser(config.limits());
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.limits().headerTimeoutMillis());
    }

    /** Serves requests until the client closes, asks to close, or sends something unacceptable. */
    void serve() {
        thread = Thread.currentThread();
        try {
            if (aborted) {
                return;
            }
            channel.configureBlocking(true);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            loop();
        } catch (IOException | InterruptedException e) {
            // Peer reset, or close() aborted us: either way this connection is over.
        } finally {
            BlockingServer.closeQuietly(channel);
        }
    }

    private void loop() throws IOException, InterruptedException {
        InputStream input = channel.socket().getInputStream();
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
        ByteBuffer out = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        long headDeadlineNanos = 0;
        while (true) {
            // Idle between requests: no timeout. Inside a head: what is left of the header timeout.
            if (parser.inHead()) {
                long leftMillis = TimeUnit.NANOSECONDS.toMillis(headDeadlineNanos - System.nanoTime());
                if (leftMillis <= 0) {
                    timedOut(out, input);
                    return;
                }
                channel.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            } else {
                channel.socket().setSoTimeout(0);
            }
            int n;
            try {
                n = input.read(in.array(), in.position(), in.remaining());
            } catch (SocketTimeoutException e) {
                timedOut(out, input);
                return;
            }
            if (n < 0) {
                return;
            }
            boolean headWasOpen = parser.inHead();
            in.position(in.position() + n);
            in.flip();
            while (true) {
                RequestParser.Result result = parser.parse(in);
                if (result == RequestParser.Result.NEED_MORE) {
                    if (!headWasOpen && parser.inHead()) {
                        headDeadlineNanos = System.nanoTime() + headerTimeoutNanos;   // a new head began in this read
                    }
                    break;
                }
                if (result == RequestParser.Result.ERROR) {
                    counters.badRequest();
                    put(out, Response.error(parser.error()).encode(Response.Connection.CLOSE));
                    flush(out);
                    lingerAndClose(input);
                    return;
                }
                headWasOpen = false;                          // the next head, if any, starts fresh
                Request request = parser.request();
                counters.requestStarted();
                Reply reply = app.handle(request);
                boolean close = reply.close() || !request.keepAlive();
                if (reply.delayMillis() > 0) {
                    flush(out);                           // earlier pipelined answers need not wait for this one
                    Thread.sleep(reply.delayMillis());    // a platform thread blocks; a virtual thread parks
                }
                put(out, reply.response().encode(close ? Response.Connection.CLOSE : request.responseConnection()));
                counters.requestAnswered();
                if (close) {
                    flush(out);
                    lingerAndClose(input);
                    return;
                }
            }
            flush(out);                                   // all answers to one read in one write
            in.clear();
        }
    }

    private void put(ByteBuffer out, byte[] response) throws IOException {
        if (response.length > out.remaining()) {
            flush(out);
            if (response.length > out.capacity()) {
                write(ByteBuffer.wrap(response));
                return;
            }
        }
        out.put(response);
    }

    private void flush(ByteBuffer out) throws IOException {
        if (out.position() > 0) {
            out.flip();
            write(out);
            out.clear();
        }
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** The head did not arrive within the header timeout: 408, then close. */
    private void timedOut(ByteBuffer out, InputStream input) throws IOException {
        counters.headerTimeout();
        out.clear();
        put(out, TIMEOUT.encode(Response.Connection.CLOSE));
        flush(out);
        lingerAndClose(input);
    }

    /** Half-closes, then discards input for a while so the kernel does not answer the client's next bytes with a reset. */
    private void lingerAndClose(InputStream input) {
        try {
            channel.shutdownOutput();
            channel.socket().setSoTimeout(LINGER_MILLIS);
            byte[] sink = new byte[READ_BUFFER_BYTES];
            int total = 0;
            int n;
            while (total < LINGER_MAX_BYTES && (n = input.read(sink)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // timeout or reset: we tried
        }
    }

    /** Closes the socket and interrupts the serving thread. Callable from any thread. */
    void abort() {
        aborted = true;
        BlockingServer.closeQuietly(channel);
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
