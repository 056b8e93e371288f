package io.concbench.model.reactor;

import io.concbench.harness.ServerCounters;
import io.concbench.harness.app.App;
import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.loop.LoopCounts;
import io.concbench.harness.loop.ParserPool;
import io.concbench.harness.loop.Timer;
import io.concbench.harness.loop.Timers;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One platform thread with its own selector, serving the connections assigned to it. It may also
 * accept: loop 0 on the shared listener, or every loop on its own SO_REUSEPORT listener.
 *
 * <p>Threading: everything here runs on the loop's thread except {@link #handOver}, {@link #stop},
 * {@link #openConnections} and {@link #counter}, which any thread may call. The loop never
 * blocks except in select, whose timeout follows the next timer.
 */
final class EventLoop implements Runnable {

    /** Accepts per readiness event: bounded so that a connection storm cannot starve served connections. */
    static final int ACCEPTS_PER_EVENT = 64;
    /** After accept fails (EMFILE and the like), stop accepting this long instead of spinning on a ready listener. */
    static final long ACCEPT_RETRY_MILLIS = 10;
    /** Responses to one read are gathered here and leave in one write; 64 KiB holds the answers to a full read. */
    static final int WRITE_BATCH_BYTES = 64 * 1024;

    final int index;
    final ReactorOptions options;
    final ServerCounters counters;
    final App app;
    final Timers timers = new Timers();
    /** Shared by this loop's connections: read into, parsed in place, never kept across events. */
    final ByteBuffer readBuffer;
    /** Shared by this loop's connections: empty between events. */
    final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BATCH_BYTES);

    private final ReactorServer server;
    private final Selector selector;
    private final LongSupplier nanoClock;
    private final HttpLimits limits;
    /** Parsers between requests: one is out of the pool only while its connection is mid-request. */
    private final ParserPool parsers;
    private final Thread thread;
    private final Consumer<SelectionKey> onReady = this::ready;   // one instance, not one per select
    private ServerSocketChannel listener;           // the listener this loop accepts from, or null

    // Cross-thread hand-over of accepted connections, with Netty's trick: wake the selector only when the loop sleeps in it.
    private final Queue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private volatile boolean stopping;

    /** Connections assigned to this loop and not yet closed: written by the acceptor as it assigns, and by this loop. */
    private final AtomicInteger open = new AtomicInteger();
    /**
     * Indexed by {@link LoopCounter}: written by this loop only, with a release store of the value it
     * alone updates (a plain store on the hot path), read by any thread for stats, a little late, never torn.
     * {@link LoopCounter#SELECTOR_WAKEUPS} alone is written by other threads, with an atomic add.
     */
    private final LoopCounts<LoopCounter> counts = new LoopCounts<>(LoopCounter.class);

    EventLoop(int index, ReactorServer server, ReactorOptions options, ServerCounters counters, App app,
              HttpLimits limits, LongSupplier nanoClock) throws IOException {
        this.index = index;
        this.server = server;
        this.options = options;
        this.counters = counters;
        this.app = app;
        this.limits = limits;
        this.parsers = new ParserPool(limits);
        this.nanoClock = nanoClock;
        this.readBuffer = ByteBuffer.allocateDirect(options.readBufferBytes());
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name("cb-reactor-loop-" + index).unstarted(this);
    }

    /** Registers {@code l} for accepting on this loop. Called before {@link #start}. */
    void listen(ServerSocketChannel l) throws IOException {
        l.configureBlocking(false);
        l.register(selector, SelectionKey.OP_ACCEPT, l);   // connections are the keys without an attachment or with a Connection
        listener = l;
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Connections assigned to this loop and not yet closed. Any thread. */
    int openConnections() {
        return open.get();
    }

    /** Counts a connection assigned to this loop before it arrives, so the next assignment sees it. Any thread. */
    void assigned() {
        open.incrementAndGet();
    }

    /** Queues an accepted connection for this loop to register. Any thread; wakes the loop only if it sleeps. */
    void handOver(SocketChannel ch) {
        handedOver.add(ch);
        wake();
    }

    /** Asks the loop to close everything and end. Any thread; returns at once. */
    void stop() {
        stopping = true;
        wake();
    }

    private void wake() {
        // The loop sets awake=false, then re-checks its queue and stopping before it sleeps: either it
        // sees our write, or we see its false and wake it. A running loop costs us one volatile read.
        if (!awake.get() && !awake.getAndSet(true)) {
            countShared(LoopCounter.SELECTOR_WAKEUPS);   // several threads may wake; each is about to make a syscall anyway
            selector.wakeup();
        }
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                registerHandedOver();
                long timeout = timers.selectTimeoutMillis(nanoTime());
                if (timeout == 0) {
                    selector.selectNow(onReady);
                } else {
                    awake.set(false);
                    if (stopping || !handedOver.isEmpty()) {
                        selector.selectNow(onReady);
                    } else {
                        selector.select(onReady, timeout == Timers.NO_TIMER ? 0 : timeout);
                    }
                    awake.lazySet(true);
                }
                if (timers.size() > 0) {
                    timers.expire(nanoTime());
                }
            }
        } catch (Throwable t) {
            count(LoopCounter.LOOP_FAILURES);
            server.loopFailed(this, t);
        } finally {
            closeAll();
        }
    }

    private void ready(SelectionKey key) {
        Object attachment = key.attachment();
        if (attachment instanceof Connection c) {
            c.ready(key.readyOps());
        } else if (attachment == null) {
            new Connection(this, key).ready(key.readyOps());   // an idle connection woke up
        } else if (key.isValid()) {
            accept(key);
        }
    }

    private void accept(SelectionKey key) {
        ServerSocketChannel l = (ServerSocketChannel) key.channel();
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = l.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                count(LoopCounter.ACCEPT_FAILURES);
                key.interestOps(0);
                timers.add(Timer.at(nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_RETRY_MILLIS), t -> {
                    if (key.isValid()) {
                        key.interestOps(SelectionKey.OP_ACCEPT);  // re-arm the listener
                    }
                }));
                return;
            }
            if (ch == null) {
                return;
            }
            counters.connectionOpened();
            if (counters.connectionsOpen() > server.maxConnections()) {
                refuse(ch);
                continue;
            }
            EventLoop target = server.loopFor(this);
            target.assigned();
            if (target == this) {
                register(ch);
            } else {
                target.handOver(ch);
            }
        }
    }

    /** Beyond the connection limit: 503 without waiting for the client, then close. Never blocks: the socket is fresh. */
    private void refuse(SocketChannel ch) {
        counters.rejected();
        try (ch) {
            ch.configureBlocking(false);
            readBuffer.clear();
            ch.read(readBuffer);                       // what already arrived, so the close is a FIN, not a reset
            ch.write(ByteBuffer.wrap(OVERLOADED.encode(io.concbench.harness.http.Response.Connection.CLOSE)));
            ch.shutdownOutput();
        } catch (IOException e) {
            count(LoopCounter.IO_ERRORS);
        } finally {
            readBuffer.clear();
            counters.connectionClosed();
        }
    }

    private static final io.concbench.harness.http.Response OVERLOADED =
            io.concbench.harness.http.Response.error(io.concbench.harness.http.Status.SERVICE_UNAVAILABLE);

    long headerTimeoutMillis() {
        return limits.headerTimeoutMillis();
    }

    private void registerHandedOver() {
        SocketChannel ch;
        while ((ch = handedOver.poll()) != null) {
            register(ch);
        }
    }

    private void register(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (options.sendBufferBytes() != ReactorOptions.KERNEL_DEFAULT) {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferBytes());
            }
            ch.register(selector, SelectionKey.OP_READ);   // no Connection until the first bytes arrive
            count(LoopCounter.CONNECTIONS);
        } catch (IOException e) {
            count(LoopCounter.IO_ERRORS);
            closeQuietly(ch);
            connectionClosed();
        }
    }

    /** Releases the selector of a loop that was never started. */
    void discard() {
        closeAll();
    }

    /** On exit: every connection and listener of this loop, then the selector, so the port is free once the thread ends. */
    private void closeAll() {
        if (selector.isOpen()) {
            for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
                Object attachment = key.attachment();
                if (attachment instanceof Connection c) {
                    c.close();
                } else if (attachment == null) {
                    closeQuietly(key.channel());       // an idle connection
                    connectionClosed();
                } else {
                    closeQuietly(key.channel());       // a listener
                }
            }
        }
        if (listener != null) {
            closeQuietly(listener);
        }
        closeHandedOver();
        closeQuietly(selector);
    }

    /** Closes connections handed over but never registered. Called by this loop on exit, and by close() after joining. */
    void closeHandedOver() {
        SocketChannel ch;
        while ((ch = handedOver.poll()) != null) {
            closeQuietly(ch);
            connectionClosed();
        }
    }

    RequestParser takeParser() {
        return parsers.take();
    }

    void returnParser(RequestParser p) {
        parsers.give(p);
    }

    /** Loop thread only. */
    void count(LoopCounter c) {
        counts.count(c);
    }

    /** Loop thread only; {@code n} may be negative for a figure that goes down. */
    void add(LoopCounter c, long n) {
        counts.add(c, n);
    }

    /** Loop thread only: keeps the highest {@code value} seen. */
    void raise(LoopCounter c, long value) {
        counts.raise(c, value);
    }

    /** Any thread, for the one counter that threads other than this loop write. */
    private void countShared(LoopCounter c) {
        counts.countShared(c);
    }

    /** Any thread. */
    long counter(LoopCounter c) {
        return counts.get(c);
    }

    void connectionClosed() {
        counters.connectionClosed();
        open.decrementAndGet();
    }

    /** A bug, not a client's doing: the connection is closed and the first such failure is reported once. */
    void unexpectedFailure(RuntimeException e) {
        count(LoopCounter.UNEXPECTED_FAILURES);
        if (counts.get(LoopCounter.UNEXPECTED_FAILURES) == 1) {
            System.err.println("reactor: loop " + index + ": closed a connection after an unexpected failure: " + e);
        }
    }

    /** Connections that hold a {@link Connection} right now, i.e. are not idle. For tests; any thread (the key set is concurrent). */
    int connectionsWithState() {
        int n = 0;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection) {
                n++;
            }
        }
        return n;
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
