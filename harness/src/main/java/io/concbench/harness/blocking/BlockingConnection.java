package io.concbench.harness.blocking;

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
 * One connection served on one thread in blocking mode. Memory per idle connection is a headline
 * figure, so an idle connection holds little more than a small read buffer: the idle wait reads the
 * channel straight (no socket adaptor, the shallowest stack a parked virtual thread can have), the
 * read buffer starts small and grows only when a read fills it, and a lone response is written from
 * its own array — a write buffer exists only for a connection that pipelines.
 *
 * <p>The connection is itself the task its thread runs, and {@link #run()} holds the whole read loop,
 * so a parked idle virtual thread's stack has one frame of ours above the JDK's read: each frame
 * between {@code VirtualThread.run} and the read is copied into the thread's heap stack chunk, and
 * while the read path is not yet C2-compiled (the first few thousand connections) a frame costs
 * about 160 B interpreted, 80 B from C1 (the two frames a lambda and a helper method once added; scripts/heap-breakdown).
 */
final class BlockingConnection implements Runnable {

    /**
     * What an idle connection reads into. The heads this harness's clients send are about 50 B (the
     * memory step's 45 B, the built-in load generator's and wrk's GET with a Host header), so 128 B
     * holds one; a bigger head fills it and it doubles, up to {@link #MAX_READ_BUFFER_BYTES}, for the
     * rest of the connection. Starting at 256 B cost every idle connection 128 B more.
     */
    static final int READ_BUFFER_BYTES = 128;
    static final int MAX_READ_BUFFER_BYTES = 4 * 1024;
    static final int WRITE_BUFFER_BYTES = 1024;
    /** After an error or Connection: close, how long to read and discard what the client still sends, so it sees the response, not a reset. */
    static final int LINGER_MILLIS = 1000;
    static final int LINGER_MAX_BYTES = 64 * 1024;

    private static final Response TIMEOUT = Response.error(io.concbench.harness.http.Status.REQUEST_TIMEOUT);

    private final SocketChannel channel;
    private final BlockingServer server;
    private RequestParser parser;   // from a request's first byte until a read leaves none half-read
    private ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private byte[] lone;            // the only response of this read so far, written from its own array
    private ByteBuffer out;         // made when one read asks for a second response (pipelining)
    private InputStream timed;      // the socket adaptor's stream: only for reads under a timeout
    private volatile Thread thread;
    private volatile boolean aborted;
    BlockingConnection older;       // the server's list of open connections; guarded by its lifecycle lock
    BlockingConnection newer;

    BlockingConnection(SocketChannel channel, BlockingServer server) {
        this.channel = channel;
        this.server = server;
    }

    /**
     * Serves requests until the client closes, asks to close, or sends something unacceptable; then
     * closes the channel and tells the server this connection is over. Runs on the connection's thread.
     */
    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (aborted) {
                return;
            }
            channel.configureBlocking(true);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            long headDeadlineNanos = 0;
            while (true) {
                int n;
                if (parser != null && parser.inHead()) {  // inside a head: what is left of the header timeout
                    n = readTimed(headDeadlineNanos);
                    if (n == 0) {
                        timedOut();
                        return;
                    }
                } else {
                    n = channel.read(in);                 // idle between requests: no timeout
                }
                if (n < 0) {
                    return;
                }
                headDeadlineNanos = answer(headDeadlineNanos);
                if (headDeadlineNanos < 0) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // Peer reset, or close() aborted us: either way this connection is over.
        } finally {
            BlockingServer.closeQuietly(channel);
            server.finished(this);
        }
    }

    /** Reads under the header timeout through the socket adaptor: bytes read, -1 at end of stream, 0 on timeout. */
    private int readTimed(long deadlineNanos) throws IOException {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (leftMillis <= 0) {
            return 0;
        }
        channel.socket().setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
        try {
            int n = timedInput().read(in.array(), in.position(), in.remaining());
            if (n > 0) {
                in.position(in.position() + n);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    private InputStream timedInput() throws IOException {
        if (timed == null) {
            timed = channel.socket().getInputStream();
        }
        return timed;
    }

    /**
     * Parses and answers every request the buffer holds, then writes all answers in one write.
     * Returns the head deadline to keep (a head began in this read), or -1 when the connection is over.
     * The parser lives only while a request is half-read: an idle connection holds none (136 B with
     * its request view, and the array of a head that once arrived split), which costs one
     * parser per read that brings requests.
     */
    private long answer(long headDeadlineNanos) throws IOException, InterruptedException {
        if (parser == null) {
            parser = new RequestParser(server.config().limits());
        }
        boolean filled = !in.hasRemaining();
        boolean headWasOpen = parser.inHead();
        in.flip();
        while (true) {
            RequestParser.Result result = parser.parse(in);
            if (result == RequestParser.Result.NEED_MORE) {
                if (!headWasOpen && parser.inHead()) {
                    headDeadlineNanos = System.nanoTime()   // a new head began in this read
                            + TimeUnit.MILLISECONDS.toNanos(server.config().limits().headerTimeoutMillis());
                }
                break;
            }
            if (result == RequestParser.Result.ERROR) {
                server.counters().badRequest();
                put(Response.error(parser.error()).encode(Response.Connection.CLOSE));
                flush();
                lingerAndClose();
                return -1;
            }
            headWasOpen = false;                          // the next head, if any, starts fresh
            Request request = parser.request();
            server.counters().requestStarted();
            Reply reply = server.config().app().handle(request);
            boolean close = reply.close() || !request.keepAlive();
            if (reply.delayMillis() > 0) {
                flush();                                  // earlier pipelined answers need not wait for this one
                Thread.sleep(reply.delayMillis());        // a platform thread blocks; a virtual thread parks
            }
            put(reply.response().encode(close ? Response.Connection.CLOSE : request.responseConnection()));
            server.counters().requestAnswered();
            if (close) {
                flush();
                lingerAndClose();
                return -1;
            }
        }
        flush();                                          // all answers to one read in one write
        in.clear();
        if (!parser.midRequest()) {
            parser = null;
        }
        if (filled && in.capacity() < MAX_READ_BUFFER_BYTES) {
            in = ByteBuffer.allocate(in.capacity() * 2);  // the client sends more per read than we took
        }
        return headDeadlineNanos;
    }

    private void put(byte[] response) throws IOException {
        if (lone == null && (out == null || out.position() == 0)) {
            lone = response;
            return;
        }
        if (out == null) {
            out = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        }
        if (lone != null) {
            byte[] first = lone;
            lone = null;
            append(first);
        }
        append(response);
    }

    private void append(byte[] response) throws IOException {
        if (response.length > out.remaining()) {
            flush();
            if (response.length > out.capacity()) {
                write(ByteBuffer.wrap(response));
                return;
            }
        }
        out.put(response);
    }

    private void flush() throws IOException {
        if (lone != null) {
            byte[] response = lone;
            lone = null;
            write(ByteBuffer.wrap(response));
        } else if (out != null && out.position() > 0) {
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
    private void timedOut() throws IOException {
        server.counters().headerTimeout();
        lone = null;
        if (out != null) {
            out.clear();
        }
        put(TIMEOUT.encode(Response.Connection.CLOSE));
        flush();
        lingerAndClose();
    }

    /** Half-closes, then discards input for a while so the kernel does not answer the client's next bytes with a reset. */
    private void lingerAndClose() {
        try {
            channel.shutdownOutput();
            channel.socket().setSoTimeout(LINGER_MILLIS);
            InputStream input = timedInput();
            byte[] sink = new byte[1024];
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
