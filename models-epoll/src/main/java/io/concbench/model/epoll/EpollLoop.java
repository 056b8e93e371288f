package io.concbench.model.epoll;

import io.concbench.harness.ServerCounters;
import io.concbench.harness.app.App;
import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.http.RequestParser;
import io.concbench.harness.http.Response;
import io.concbench.harness.http.Status;
import io.concbench.harness.loop.LoopCounts;
import io.concbench.harness.loop.ParserPool;
import io.concbench.harness.loop.Timer;
import io.concbench.harness.loop.Timers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One platform thread with its own epoll instance, serving the connections it accepted. Every loop
 * has the shared listening socket in its set with {@code EPOLLEXCLUSIVE}, so the kernel wakes one
 * waiting loop per connection and whichever loop accepts a connection keeps it.
 *
 * <p>What a connection costs here: nothing on the heap while it is idle. The loop knows its
 * connections by fd in two primitive structures grown with the highest fd it has seen: a bitset
 * ({@link #owned}, 1 bit per fd slot, so it can close them all on exit) and {@link #states}, a
 * reference per fd slot that is non-null only while a connection has something that must outlive one
 * event (a partial head, unsent output, a delayed reply, a linger).
 *
 * <p>Threading: everything here runs on the loop's thread except {@link #stop} and {@link #counter},
 * which any thread may call. The loop never blocks except in epoll_wait, whose timeout follows the
 * next timer.
 */
final class EpollLoop implements Runnable {

    /** Accepts per readiness event: bounded so that a connection storm cannot starve served connections. */
    static final int ACCEPTS_PER_EVENT = 64;
    /** After accept fails (EMFILE and the like), stop accepting this long instead of spinning on a ready listener. */
    static final long ACCEPT_RETRY_MILLIS = 10;
    /** Responses to one read are gathered here and leave in one write; 64 KiB holds the answers to a full read. */
    static final int WRITE_BATCH_BYTES = 64 * 1024;
    /** Events taken per epoll_wait. */
    static final int MAX_EVENTS = 256;
    /** First size of the per-fd tables; they double up to the highest fd seen. */
    static final int INITIAL_FD_SLOTS = 1024;

    final int index;
    final EpollOptions options;
    final ServerCounters counters;
    final App app;
    final Timers timers = new Timers();
    final Linux.Calls sys;
    /** Shared by this loop's connections: read into, parsed in place through its view, never kept across events. */
    final Linux.NativeBuffer readBuffer;
    /** Shared by this loop's connections: its view is empty between events. */
    final Linux.NativeBuffer writeBuffer;

    private final EpollServer server;
    private final Linux.NativeBuffer events;
    private final int listenFd;
    private final int epollFd;
    private final int wakeFd;
    private final LongSupplier nanoClock;
    private final HttpLimits limits;
    /** Parsers between requests: one is out of the pool only while its connection is mid-request. */
    private final ParserPool parsers;
    private final Thread thread;
    private volatile boolean stopping;
    private boolean fdsClosed;                      // guarded by this: wakeFd may no longer be written
    private boolean started;

    /** Bit fd is set while this loop owns connection fd. */
    private long[] owned = new long[INITIAL_FD_SLOTS / Long.SIZE];
    /** Indexed by fd: the state of a connection that has any, else null. */
    private Connection[] states = new Connection[INITIAL_FD_SLOTS];
    /** Serves an event on an idle connection; adopted into {@link #states} (and replaced) only if it must outlive the event. */
    private Connection scratch = new Connection(this);

    /**
     * Indexed by {@link LoopCounter}: written by this loop only, with a release store of the value it
     * alone updates (a plain store on the hot path), read by any thread for stats, a little late, never torn.
     */
    private final LoopCounts<LoopCounter> counts = new LoopCounts<>(LoopCounter.class);

    EpollLoop(int index, EpollServer server, int listenFd, EpollOptions options, ServerCounters counters, App app,
              HttpLimits limits, LongSupplier nanoClock) throws IOException {
        this.index = index;
        this.server = server;
        this.listenFd = listenFd;
        this.options = options;
        this.counters = counters;
        this.app = app;
        this.limits = limits;
        this.parsers = new ParserPool(limits);
        this.nanoClock = nanoClock;
        this.sys = new Linux.Calls();
        this.readBuffer = sys.allocate(options.readBufferBytes());
        this.writeBuffer = sys.allocate(WRITE_BATCH_BYTES);
        this.events = sys.allocate(MAX_EVENTS * Linux.eventSize());
        int ep = sys.epollCreate();
        if (ep < 0) {
            IOException e = sys.failure("epoll_create1");
            sys.close();
            throw e;
        }
        epollFd = ep;
        int wake = sys.eventfd();
        if (wake < 0) {
            IOException e = sys.failure("eventfd");
            sys.close(epollFd);
            sys.close();
            throw e;
        }
        wakeFd = wake;
        if (sys.epollCtl(epollFd, Linux.EPOLL_CTL_ADD, wakeFd, Linux.EPOLLIN) != 0
                || sys.epollCtl(epollFd, Linux.EPOLL_CTL_ADD, listenFd, Linux.EPOLLIN | Linux.EPOLLEXCLUSIVE) != 0) {
            IOException e = sys.failure("epoll_ctl(ADD)");
            discard();
            throw e;
        }
        this.thread = Thread.ofPlatform().name("cb-epoll-loop-" + index).unstarted(this);
    }

    void start() {
        started = true;
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Asks the loop to close everything and end. Any thread, with that thread's own {@code caller} calls; returns at once. */
    void stop(Linux.Calls caller) {
        stopping = true;
        synchronized (this) {
            if (!fdsClosed) {
                caller.signal(wakeFd);
            }
        }
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    @Override
    public void run() {
        try {
            ByteBuffer ev = events.view();
            int size = Linux.eventSize();
            int dataOffset = Linux.eventDataOffset();
            while (!stopping) {
                long timeout = timers.selectTimeoutMillis(nanoTime());
                int n = sys.epollWait(epollFd, events, (int) Math.min(timeout, Integer.MAX_VALUE));
                if (n < 0) {
                    int errno = sys.errno();
                    if (errno != Linux.EINTR) {
                        throw new IOException(Linux.describe("epoll_wait", errno));
                    }
                    n = 0;
                }
                for (int i = 0; i < n && !stopping; i++) {
                    int flags = ev.getInt(i * size);
                    int fd = (int) ev.getLong(i * size + dataOffset);
                    if (fd == listenFd) {
                        accept();
                    } else if (fd == wakeFd) {
                        sys.drain(wakeFd);
                    } else if (owns(fd)) {              // not one closed earlier in this batch whose number another loop reused
                        connectionEvent(fd, flags);
                    }
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
            server.releaseListener();
        }
    }

    private void connectionEvent(int fd, int flags) {
        Connection c = fd < states.length ? states[fd] : null;
        if (c != null) {
            c.ready(flags);
            return;
        }
        c = scratch;
        c.reset(fd);
        c.ready(flags);
        if (c.mayBeReferenced()) {
            scratch = new Connection(this);         // adopted, or a stale timer may still hold it: never reuse
        }
    }

    private void accept() {
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            int fd = sys.accept(listenFd);
            if (fd < 0) {
                int errno = sys.errno();
                if (errno == Linux.EAGAIN) {
                    return;                         // another loop took it, or the queue is empty
                }
                if (errno == Linux.EINTR || errno == Linux.ECONNABORTED) {
                    continue;
                }
                count(LoopCounter.ACCEPT_FAILURES);
                pauseAccepting();
                return;
            }
            counters.connectionOpened();
            if (counters.connectionsOpen() > server.maxConnections()) {
                refuse(fd);
                continue;
            }
            register(fd);
        }
    }

    /**
     * EMFILE and the like: leave the listener out of this loop's set for a while instead of spinning on
     * it (an EPOLLEXCLUSIVE registration cannot be modified, only deleted and added again).
     */
    private void pauseAccepting() {
        sys.epollCtl(epollFd, Linux.EPOLL_CTL_DEL, listenFd, 0);
        timers.add(Timer.at(nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_RETRY_MILLIS), t -> {
            if (!stopping) {
                sys.epollCtl(epollFd, Linux.EPOLL_CTL_ADD, listenFd, Linux.EPOLLIN | Linux.EPOLLEXCLUSIVE);
            }
        }));
    }

    /** Beyond the connection limit: 503 without waiting for the client, then close. Never blocks: the socket is non-blocking. */
    private void refuse(int fd) {
        counters.rejected();
        try {
            sys.read(fd, readBuffer, 0, readBuffer.capacity());   // what already arrived, so the close is a FIN, not a reset
            byte[] answer = OVERLOADED_BYTES;
            writeBuffer.view().put(0, answer);
            if (sys.send(fd, writeBuffer, 0, answer.length) < 0) {
                count(LoopCounter.IO_ERRORS);
            }
            sys.shutdownOutput(fd);
        } finally {
            sys.close(fd);
            counters.connectionClosed();
        }
    }

    private static final byte[] OVERLOADED_BYTES =
            Response.error(Status.SERVICE_UNAVAILABLE).encode(Response.Connection.CLOSE);

    private void register(int fd) {
        boolean ok = sys.setIntOption(fd, Linux.IPPROTO_TCP, Linux.TCP_NODELAY, 1) == 0;
        if (ok && options.sendBufferBytes() != EpollOptions.KERNEL_DEFAULT) {
            ok = sys.setIntOption(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, options.sendBufferBytes()) == 0;
        }
        // No Connection until the first bytes arrive; epoll's data is the fd itself.
        ok = ok && sys.epollCtl(epollFd, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN) == 0;
        if (!ok) {
            count(LoopCounter.IO_ERRORS);
            sys.close(fd);
            counters.connectionClosed();
            return;
        }
        own(fd);
        count(LoopCounter.CONNECTIONS);
    }

    /** Sets the events epoll watches for {@code fd}: 0 takes it out of the set, so hang-ups are not reported level-triggered. */
    void changeInterest(int fd, int from, int to) throws IOException {
        int op = from == 0 ? Linux.EPOLL_CTL_ADD : to == 0 ? Linux.EPOLL_CTL_DEL : Linux.EPOLL_CTL_MOD;
        if (sys.epollCtl(epollFd, op, fd, to) != 0) {
            throw sys.failure("epoll_ctl");
        }
    }

    long headerTimeoutMillis() {
        return limits.headerTimeoutMillis();
    }

    // ---- per-fd tables ---------------------------------------------------------------------------

    private boolean owns(int fd) {
        int word = fd >>> 6;
        return word < owned.length && (owned[word] & (1L << fd)) != 0;
    }

    private void own(int fd) {
        int word = fd >>> 6;
        if (word >= owned.length) {
            owned = Arrays.copyOf(owned, Math.max(word + 1, owned.length * 2));
        }
        owned[word] |= 1L << fd;
    }

    /** Keeps {@code c} as the state of its fd until {@link #forget}. */
    void adopt(int fd, Connection c) {
        if (fd >= states.length) {
            states = Arrays.copyOf(states, Math.max(fd + 1, states.length * 2));
        }
        states[fd] = c;
    }

    /** {@code c} no longer holds state for {@code fd}: the next event there starts from the scratch connection. */
    void forget(int fd, Connection c) {
        if (fd < states.length && states[fd] == c) {
            states[fd] = null;
        }
    }

    /** Closes {@code fd}, first dropping it from the tables: once closed, its number may come back from any accept. */
    void closeConnection(int fd) {
        int word = fd >>> 6;
        if (word < owned.length) {
            owned[word] &= ~(1L << fd);
        }
        if (fd < states.length) {
            states[fd] = null;
        }
        sys.close(fd);
        connectionClosed();
    }

    /** Connections that hold a {@link Connection} right now, i.e. are not idle. For tests, after the loop has stopped or between requests. */
    int connectionsWithState() {
        int n = 0;
        for (Connection c : states) {
            n += c != null ? 1 : 0;
        }
        return n;
    }

    /** Releases the fds and memory of a loop that was never started. */
    void discard() {
        if (!started) {
            closeAll();
        }
    }

    /** On exit: every connection, then the epoll and wake fds, then the native memory. */
    private void closeAll() {
        for (int word = 0; word < owned.length; word++) {
            while (owned[word] != 0) {
                int fd = word * Long.SIZE + Long.numberOfTrailingZeros(owned[word]);
                Connection c = fd < states.length ? states[fd] : null;
                if (c != null) {
                    c.close();                      // also clears its bit
                }
                if (owns(fd)) {
                    closeConnection(fd);            // an idle connection
                }
            }
        }
        synchronized (this) {
            fdsClosed = true;
            sys.close(wakeFd);
        }
        sys.close(epollFd);
        sys.close();
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

    /** Any thread. */
    long counter(LoopCounter c) {
        return counts.get(c);
    }

    private void connectionClosed() {
        counters.connectionClosed();
    }

    /** A bug, not a client's doing: the connection is closed and the first such failure is reported once. */
    void unexpectedFailure(RuntimeException e) {
        count(LoopCounter.UNEXPECTED_FAILURES);
        if (counts.get(LoopCounter.UNEXPECTED_FAILURES) == 1) {
            System.err.println("epoll: loop " + index + ": closed a connection after an unexpected failure: " + e);
        }
    }
}
