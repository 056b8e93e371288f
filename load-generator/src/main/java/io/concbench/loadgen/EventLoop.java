package io.concbench.loadgen;

import io.concbench.harness.result.ErrorClass;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One client thread with one {@link Selector}, owning a share of the run's connections: it
 * connects them, sends pre-encoded requests, frames the responses in place, records latencies in
 * its own recorders and counts errors by class. Nothing on the request path allocates or throws:
 * a failed connection is counted, closed and reopened.
 *
 * <p>Threading: {@link #run()} is the loop thread and the only writer of everything here. The
 * reporter thread may call {@link #intervalCorrected}, {@link #intervalUncorrected}, read
 * {@link #tally} and call {@link #stop()} at any time; everything else it reads only after the
 * loop thread has counted down the latch given at construction.
 *
 * <p>How requests start. Closed loop: a connection keeps {@code pipeline} requests outstanding;
 * once a selection's reads are all done, each connection whose responses they completed writes
 * its next requests (one write for all of them). A request costs one write, a share of one read
 * and of one epoll_wait, and no interest-set changes (wrk adds two epoll_ctl calls per request).
 * Open loop: each connection follows its schedule (see {@link RunPlan}); a request whose intended
 * start has passed goes as soon as the connection may send (fewer than {@code pipeline}
 * outstanding), so a connection held up by a slow response catches up at once, and the requests
 * it sends late keep their intended start times: the corrected latency counts the wait.
 *
 * <p>Timing. The loop sleeps in the selector until about a millisecond before the next intended
 * start (the selector's timeout is in milliseconds), then polls without sleeping, or, when it has
 * nothing in flight, parks until {@link #PARK_EARLY_NANOS} before the start and polls the rest; its
 * thread's timer slack is lowered to {@link #TIMER_SLACK_NANOS} so parks end when asked. A request
 * leaves within microseconds of its intended time unless the loop's core is taken (JIT compiler
 * threads, other processes): the send-lag histogram records what remains. That polling shows in
 * the client's CPU figure of an open-loop run.
 */
final class EventLoop implements Runnable {

    /** One buffer per loop, shared by its connections: big enough to take many pipelined responses per read. */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Below this distance to the next intended start the loop stops sleeping in the selector. */
    static final long SPIN_WINDOW_NANOS = 1_000_000L;
    /**
     * A park ends this long before the intended start, and the loop polls the rest: even with the
     * timer slack lowered, a parked thread runs again some tens of microseconds after its timer
     * fires when the core is shared (send-lag p50 25 µs at -R 5000 against the reactor, client on
     * one core, with the slack at 1 µs). Costs at most this much polling per request sent from idle.
     */
    static final long PARK_EARLY_NANOS = 30_000L;
    /** Latencies above an hour are recorded as an hour rather than failing the recorder. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    /** HdrHistogram precision: 0.1 % of each value. */
    static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** The loop thread's timer slack: parks and selects wake within this of when asked (Linux's default is 50 µs). */
    static final long TIMER_SLACK_NANOS = 1_000L;

    private final RunPlan plan;
    private final NanoClock clock;
    private final Selector selector;
    private final Connection[] connections;
    private final int requestBytes;
    /**
     * A heap buffer on purpose: the channel copies what it read out of its cached direct buffer (a
     * memcpy of the few bytes read), and the parser then walks a plain array, which the JIT turns
     * into tight loops; byte-wise access to a direct buffer costs a bounds and liveness check per byte.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final byte[] readBytes = readBuffer.array();
    private final SingleWriterRecorder corrected = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder uncorrected = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    /**
     * Open loop: the client's own lateness per measured request, actual send minus the later of its
     * intended start and the moment its connection could take it ({@link Connection#freeSinceNanos}).
     * A request held back by a connection busy with a slow answer waited for the server; that wait
     * is in the corrected latency, and counting it here would blame the client for the server (two
     * connections to a 5 ms server cannot carry 400 req/s, whatever the client does).
     */
    private final SingleWriterRecorder sendLag = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final ConnectPacer pacer;
    private final DueQueue due;
    private final ArrayDeque<Connection> retries;
    /** Connections to send on once this selection's reads are done; see {@link #sendAfterReads()}. */
    private final Connection[] toSend;
    private int toSendCount;
    private final Consumer<SelectionKey> onReady = this::ready;
    private final CountDownLatch finished;
    private final boolean hasEnd;

    final Tally tally = new Tally();

    private volatile boolean stopRequested;
    /** Requests this loop may still start in the measured part ({@code -n} share); Long.MAX_VALUE = no limit. */
    private long budget;
    private int nextToConnect;
    private int connecting;
    /** Outstanding requests over all connections, warmup ones included. */
    private long outstanding;
    /** Past the end, or stopped: nothing new starts; the loop waits for answers until drainDeadline. */
    private boolean ending;
    private long endedAtNanos;
    private long drainDeadlineNanos;
    private long nextTimeoutScanNanos;
    private long lastResponseNanos;
    /** Set while reopening, so a reopen that fails at once is deferred to the next turn instead of recursing. */
    private boolean reopening;

    // Results, read after the latch.
    private long inFlightAtEnd;
    private long unsentDue;
    private Throwable failure;

    /**
     * @param globalIndices the run-wide numbers of this loop's connections, ascending
     * @param request the encoded request
     * @param budget requests this loop starts in the measured part; {@link Long#MAX_VALUE} for no limit
     */
    EventLoop(RunPlan plan, NanoClock clock, int[] globalIndices, byte[] request, long budget,
              CountDownLatch finished) throws IOException {
        this.plan = plan;
        this.clock = clock;
        this.budget = budget;
        this.finished = finished;
        this.hasEnd = plan.endNanos() != Long.MAX_VALUE;
        this.selector = Selector.open();
        this.requestBytes = request.length;
        ByteBuffer batch = RequestEncoder.batch(request, plan.pipeline());
        this.connections = new Connection[globalIndices.length];
        for (int i = 0; i < globalIndices.length; i++) {
            connections[i] = new Connection(globalIndices[i], batch, plan.pipeline());
        }
        this.due = new DueQueue(connections.length);
        this.toSend = new Connection[connections.length];
        this.retries = new ArrayDeque<>(connections.length);
        this.pacer = new ConnectPacer(plan.connectsInFlightPerLoop());
    }

    /** Asks the loop to stop now: nothing new starts and it does not wait for answers. Any thread. */
    void stop() {
        stopRequested = true;
        selector.wakeup();
    }

    /** Corrected latencies recorded since the previous call. Reporter thread; pass back the previous result to recycle it. */
    Histogram intervalCorrected(Histogram recycle) {
        return corrected.getIntervalHistogram(recycle);
    }

    /** Open loop: uncorrected latencies recorded since the previous call (a closed loop records only corrected). Reporter thread. */
    Histogram intervalUncorrected(Histogram recycle) {
        return uncorrected.getIntervalHistogram(recycle);
    }

    /** Open loop: send lags recorded since the previous call. Reporter thread. */
    Histogram intervalSendLag(Histogram recycle) {
        return sendLag.getIntervalHistogram(recycle);
    }

    /** After the latch: measured requests still unanswered when the loop stopped waiting. */
    long inFlightAtEnd() {
        return inFlightAtEnd;
    }

    /** After the latch, open loop: requests whose intended start fell in the window but that were never sent. */
    long unsentDue() {
        return unsentDue;
    }

    /** After the latch: when the loop stopped starting requests (the end, a stop, or its last {@code -n} answer). */
    long endedAtNanos() {
        return endedAtNanos;
    }

    /** After the latch: the last measured response, or 0. */
    long lastResponseNanos() {
        return lastResponseNanos;
    }

    /** After the latch: what broke the loop, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        TimerSlack.setForCurrentThread(TIMER_SLACK_NANOS);
        long now = clock.nanoTime();
        try {
            nextTimeoutScanNanos = plan.startNanos() + plan.timeoutScanNanos();
            while (true) {
                now = clock.nanoTime();
                if (!ending && (stopRequested || (hasEnd && now - plan.endNanos() >= 0) || (budget == 0 && outstanding == 0))) {
                    beginEnd(now);
                }
                if (ending && (outstanding == 0 || now - drainDeadlineNanos >= 0)) {
                    break;
                }
                if (!ending) {
                    connectDue(now);
                    retryDue(now);
                    if (plan.openLoop()) {
                        sendDue(now);
                    }
                    if (now - nextTimeoutScanNanos >= 0) {
                        scanTimeouts(now);
                        nextTimeoutScanNanos = now + plan.timeoutScanNanos();
                    }
                }
                waitForEvents(now);
            }
        } catch (Throwable t) {
            failure = t;
            if (!ending) {
                endedAtNanos = now;
            }
        } finally {
            finish();
            finished.countDown();
        }
    }

    private void beginEnd(long now) {
        ending = true;
        endedAtNanos = hasEnd && !stopRequested && now - plan.endNanos() >= 0 ? plan.endNanos() : now;
        due.clear();
        drainDeadlineNanos = stopRequested ? now : now + plan.timeoutNanos();
    }

    private void waitForEvents(long now) throws IOException {
        long untilCoarse = coarseDeadline() - now;
        long untilPrecise = plan.openLoop() && !ending && !due.isEmpty() ? due.peekNanos() - now : Long.MAX_VALUE;
        if (untilCoarse <= 0 || untilPrecise <= 0) {
            selector.selectNow(onReady);
        } else if (untilPrecise <= SPIN_WINDOW_NANOS) {
            if (outstanding == 0 && connecting == 0 && untilPrecise > PARK_EARLY_NANOS) {
                LockSupport.parkNanos(untilPrecise - PARK_EARLY_NANOS);    // nothing can arrive whose timing matters
            }
            selector.selectNow(onReady);
        } else {
            long sleepNanos = Math.min(untilCoarse, untilPrecise - SPIN_WINDOW_NANOS);
            selector.select(onReady, Math.max(1, sleepNanos / NANOS_PER_MILLI));
        }
        sendAfterReads();
    }

    /**
     * Reads first, then writes: the connections whose responses this selection completed send
     * their next requests only after every ready connection has been read. A write on loopback
     * also runs the server side's TCP receive on this thread, so writing between reads would
     * stamp the responses read after it late, by a few microseconds per write before them.
     */
    private void sendAfterReads() {
        for (int i = 0; i < toSendCount; i++) {
            Connection c = toSend[i];
            toSend[i] = null;
            c.sendQueued = false;
            fill(c, clock.nanoTime());
        }
        toSendCount = 0;
    }

    private void sendLater(Connection c) {
        if (!c.sendQueued) {
            c.sendQueued = true;
            toSend[toSendCount++] = c;
        }
    }

    /** The earliest deadline that needs no precision: connects, retries, timeout scans, the end. */
    private long coarseDeadline() {
        if (ending) {
            return drainDeadlineNanos;
        }
        long d = nextTimeoutScanNanos;
        // With every handshake place taken only a finishing handshake (a selector event) frees one:
        // waking for a due connect then would spin.
        if (nextToConnect < connections.length && pacer.mayStart()) {
            d = earlier(d, plan.connectAtNanos(connections[nextToConnect].globalIndex));
        }
        if (!retries.isEmpty() && pacer.mayStart()) {
            d = earlier(d, retries.peekFirst().retryAtNanos);
        }
        if (hasEnd) {
            d = earlier(d, plan.endNanos());
        }
        return d;
    }

    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }

    private void ready(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (!key.isValid() || key != c.key) {
            return;                                   // a key of a socket this connection already closed
        }
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            onConnectable(c);
            return;
        }
        // Flush first: a failure while the request is still going out is a write error.
        if ((ops & SelectionKey.OP_WRITE) != 0 && c.writing) {
            onWritable(c);
            if (key != c.key || c.state != Connection.OPEN) {
                return;
            }
        }
        if ((ops & SelectionKey.OP_READ) != 0) {
            onReadable(c);
        }
    }

    // ---- connecting

    private void connectDue(long now) {
        while (nextToConnect < connections.length
                && pacer.mayStart(now, plan.connectAtNanos(connections[nextToConnect].globalIndex))) {
            startConnect(connections[nextToConnect++], now);
        }
    }

    private void retryDue(long now) {
        while (!retries.isEmpty() && pacer.mayStart(now, retries.peekFirst().retryAtNanos)) {
            Connection c = retries.pollFirst();
            if (c.state == Connection.WAITING_RETRY) {
                startConnect(c, now);
            }
        }
    }

    private void startConnect(Connection c, long now) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.channel = ch;
            InetSocketAddress source = plan.sourceFor(c.globalIndex);
            if (source != null) {
                ch.bind(source);
            }
            boolean connected = ch.connect(plan.address());
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                onConnected(c, now);
            } else {
                c.state = Connection.CONNECTING;
                c.connectStartedNanos = now;
                connecting++;
                pacer.started();
            }
        } catch (IOException e) {
            c.channel = ch;
            connectFailed(c, now, causeOf(e));
        }
    }

    private void onConnectable(Connection c) {
        long now = clock.nanoTime();
        try {
            if (c.channel.finishConnect()) {
                connecting--;
                pacer.finished();
                onConnected(c, now);
            }
        } catch (IOException e) {
            connectFailed(c, now, causeOf(e));
        }
    }

    /**
     * The {@link Tally} counter for a failed connect. The JDK maps connect(2)'s errno to the
     * exception class (sun.nio.ch.Net: EADDRNOTAVAIL and EADDRINUSE to BindException, ECONNREFUSED
     * and ETIMEDOUT to ConnectException); the message is strerror's text, the only way to tell
     * those two apart. Not the hot path: the exception has allocated already.
     */
    static int causeOf(IOException e) {
        if (e instanceof BindException) {
            return Tally.CONNECTS_PORTS_EXHAUSTED;
        }
        String m = e.getMessage();
        if (e instanceof ConnectException && m != null) {
            if (m.contains("refused")) {
                return Tally.CONNECTS_REFUSED;
            }
            if (m.contains("timed out")) {
                return Tally.CONNECTS_TIMED_OUT;
            }
        }
        return Tally.CONNECTS_OTHER;
    }

    private void onConnected(Connection c, long now) {
        tally.add(Tally.CONNECTS_OPENED, 1);
        c.state = Connection.OPEN;
        c.freeSinceNanos = now;
        c.key.interestOps(SelectionKey.OP_READ);
        if (plan.openLoop() && !c.scheduled) {
            // The schedule runs from the connection's planned connect time, not from when the connect
            // completed: requests due meanwhile go now, and the corrected latency counts the connect.
            // Reconnects keep the schedule, so an outage is caught up and counted the same way.
            c.anchorNanos = plan.anchorNanos(c.globalIndex);
            c.nextSlot = plan.firstSlotAtOrAfter(c.anchorNanos, plan.connectAtNanos(c.globalIndex));
            c.scheduled = true;
        }
        fill(c, now);
    }

    private void connectFailed(Connection c, long now, int cause) {
        if (c.state == Connection.CONNECTING) {
            connecting--;
            pacer.finished();
        }
        tally.add(cause, 1);
        if (measuring(now)) {
            tally.add(ErrorClass.CONNECT, 1);
        }
        closeQuietly(c);
        if (ending) {
            c.state = Connection.DONE;
            return;
        }
        c.state = Connection.WAITING_RETRY;
        c.retryAtNanos = now + plan.connectRetryDelayNanos();
        retries.addLast(c);
    }

    // ---- sending

    private void fill(Connection c, long now) {
        if (plan.openLoop()) {
            fillOpen(c, now);
        } else {
            fillClosed(c, now);
        }
    }

    private void sendDue(long now) {
        while (!due.isEmpty() && due.peekNanos() - now <= 0) {
            fillOpen(due.poll(), now);
        }
    }

    private void fillOpen(Connection c, long now) {
        due.remove(c);
        if (c.state != Connection.OPEN || c.writing || ending) {
            return;
        }
        long end = plan.endNanos();
        long t = plan.intendedNanos(c.anchorNanos, c.nextSlot);
        int k = 0;
        int measured = 0;
        while (!c.full() && t - now <= 0 && t - end < 0) {
            c.push(t, now);
            if (t - plan.measureStartNanos() >= 0) {
                measured++;
                long could = t - c.freeSinceNanos < 0 ? c.freeSinceNanos : t;
                sendLag.recordValue(Math.min(Math.max(0, now - could), HIGHEST_TRACKABLE_NANOS));
            }
            k++;
            t = plan.intendedNanos(c.anchorNanos, ++c.nextSlot);
        }
        if (k > 0) {
            tally.add(Tally.SENT, measured);
            send(c, k, now);
            if (c.state != Connection.OPEN) {
                return;
            }
        }
        if (!c.full() && !c.writing && t - end < 0) {
            c.dueNanos = t;
            due.add(c);
        }
    }

    private void fillClosed(Connection c, long now) {
        if (c.state != Connection.OPEN || c.writing || ending || (hasEnd && now - plan.endNanos() >= 0)) {
            return;
        }
        int k = plan.pipeline() - c.outstanding();
        if (k <= 0) {
            return;
        }
        if (measuring(now)) {
            if (budget < k) {
                k = (int) budget;
                if (k == 0) {
                    return;
                }
            }
            if (budget != Long.MAX_VALUE) {
                budget -= k;
            }
            tally.add(Tally.SENT, k);
        }
        for (int i = 0; i < k; i++) {
            c.push(now, now);
        }
        send(c, k, now);
    }

    private void send(Connection c, int requests, long now) {
        ByteBuffer out = c.out;
        out.limit(requests * requestBytes).position(0);
        outstanding += requests;
        try {
            c.channel.write(out);
        } catch (IOException e) {
            fail(c, ErrorClass.WRITE, now);
            return;
        }
        if (out.hasRemaining()) {
            c.writing = true;
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void onWritable(Connection c) {
        long now = clock.nanoTime();
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            fail(c, ErrorClass.WRITE, now);
            return;
        }
        if (!c.out.hasRemaining()) {
            c.writing = false;
            c.key.interestOps(SelectionKey.OP_READ);
            fill(c, now);
        }
    }

    // ---- receiving

    private void onReadable(Connection c) {
        ByteBuffer buf = readBuffer;
        while (true) {
            buf.clear();
            int n;
            try {
                n = c.channel.read(buf);
            } catch (IOException e) {
                fail(c, ErrorClass.READ, clock.nanoTime());
                return;
            }
            long now = clock.nanoTime();
            if (n < 0) {
                endOfStream(c, now);
                return;
            }
            if (n == 0) {
                break;
            }
            if (measuring(now)) {
                tally.add(Tally.BYTES_READ, n);
            }
            ResponseParser p = c.parser;
            int pos = 0;
            while (pos < n) {
                pos = p.consume(readBytes, pos, n);
                if (p.complete()) {
                    int status = p.status();
                    boolean close = p.closeAfter();
                    p.next();
                    if (c.outstanding() == 0) {
                        fail(c, ErrorClass.READ, now); // a response nobody asked for: the stream is out of step
                        return;
                    }
                    complete(c, status, now);
                    if (close) {
                        lost(c, ErrorClass.CLOSED_BY_PEER, now);
                        return;
                    }
                } else if (p.failed()) {
                    fail(c, ErrorClass.READ, now);
                    return;
                }
            }
            if (n < buf.capacity()) {
                break;
            }
        }
        sendLater(c);
    }

    private void complete(Connection c, int status, long now) {
        long intended = c.oldestIntendedNanos();
        long actual = c.oldestActualNanos();
        if (c.full()) {
            c.freeSinceNanos = now;
        }
        c.pop();
        outstanding--;
        if (intended - plan.measureStartNanos() < 0) {
            tally.add(Tally.WARMUP_RESPONSES, 1);
            return;                                   // a warmup request
        }
        corrected.recordValue(Math.min(now - intended, HIGHEST_TRACKABLE_NANOS));
        if (plan.openLoop()) {
            uncorrected.recordValue(Math.min(now - actual, HIGHEST_TRACKABLE_NANOS));
        }                                             // closed loop: intended == actual, one recording serves both
        tally.add(Tally.RESPONSES, 1);
        if (!hasEnd || now - plan.endNanos() <= 0) {
            tally.add(Tally.RESPONSES_IN_WINDOW, 1);
        }
        lastResponseNanos = now;
        if (status >= 200 && status < 300) {
            return;
        }
        if (status >= 400 && status < 500) {
            tally.add(ErrorClass.STATUS_4XX, 1);
        } else if (status >= 500 && status < 600) {
            tally.add(ErrorClass.STATUS_5XX, 1);
        } else {
            tally.add(ErrorClass.OTHER_STATUS, 1);
        }
    }

    private void endOfStream(Connection c, long now) {
        ResponseParser p = c.parser;
        if (p.endOfStream() && c.outstanding() > 0) {
            complete(c, p.status(), now);             // a body framed by the close
        }
        lost(c, ErrorClass.CLOSED_BY_PEER, now);
    }

    /** The connection failed; its measured outstanding requests count in {@code error}; reopen it. */
    private void fail(Connection c, ErrorClass error, long now) {
        int n = c.outstandingSince(plan.measureStartNanos());
        if (error == ErrorClass.READ && c.outstanding() == 0 && measuring(now)) {
            n = 1;                                    // an idle connection reset, or bytes nobody asked for
        }
        if (n > 0) {
            tally.add(error, n);
        }
        reopen(c, now);
    }

    /** The server closed the connection; requests still outstanding on it are lost to {@code error}. */
    private void lost(Connection c, ErrorClass error, long now) {
        int n = c.outstandingSince(plan.measureStartNanos());
        if (n > 0) {
            tally.add(error, n);
        }
        reopen(c, now);
    }

    private void reopen(Connection c, long now) {
        closeQuietly(c);
        outstanding -= c.outstanding();
        c.dropOutstanding();
        c.parser.next();
        c.writing = false;
        due.remove(c);
        if (ending || budget == 0) {
            c.state = Connection.DONE;            // nothing left for it to send
        } else if (reopening || !pacer.mayStart()) {
            c.state = Connection.WAITING_RETRY;
            c.retryAtNanos = now;
            retries.addLast(c);
        } else {
            reopening = true;
            try {
                startConnect(c, now);
            } finally {
                reopening = false;
            }
        }
    }

    private void scanTimeouts(long now) {
        long timeout = plan.timeoutNanos();
        for (Connection c : connections) {
            if (c.state == Connection.OPEN && c.outstanding() > 0 && now - c.oldestActualNanos() - timeout > 0) {
                fail(c, ErrorClass.TIMEOUT, now);
            } else if (c.state == Connection.CONNECTING && now - c.connectStartedNanos - timeout > 0) {
                connectFailed(c, now, Tally.CONNECTS_TIMED_OUT);
            }
        }
    }

    private boolean measuring(long now) {
        return now - plan.measureStartNanos() >= 0;
    }

    // ---- the end

    private void finish() {
        long inFlight = 0;
        long unsent = 0;
        long windowEnd = hasEnd ? Math.min(plan.endNanos(), endedAtNanos) : endedAtNanos;
        for (Connection c : connections) {
            inFlight += c.outstandingSince(plan.measureStartNanos());
            if (plan.openLoop()) {
                unsent += unsentDue(c, windowEnd);
            }
            resetQuietly(c);
            c.state = Connection.DONE;
        }
        inFlightAtEnd = inFlight;
        unsentDue = unsent;
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release that the close did not
        }
    }

    private long unsentDue(Connection c, long windowEnd) {
        long from = plan.measureStartNanos();
        long anchor;
        long firstUnsent;
        if (c.scheduled) {
            anchor = c.anchorNanos;
            firstUnsent = Math.max(c.nextSlot, plan.firstSlotAtOrAfter(anchor, from));
        } else {
            // Never connected: everything from its planned connect time on was due and never went.
            anchor = plan.anchorNanos(c.globalIndex);
            long connectAt = plan.connectAtNanos(c.globalIndex);
            firstUnsent = plan.firstSlotAtOrAfter(anchor, connectAt - from > 0 ? connectAt : from);
        }
        long endSlot = plan.firstSlotAtOrAfter(anchor, windowEnd);
        return Math.max(0, endSlot - firstUnsent);
    }

    /**
     * Closes with SO_LINGER 0, so the socket sends a reset and is gone at once. A normal close by
     * the side that closes first leaves that side's socket in TIME_WAIT for 60 s: a run that closed
     * 15,000 connections left 15,000 of them holding local ports, and the next big run within the
     * minute failed to connect (EADDRNOTAVAIL). The reset costs the server one failed read on a
     * connection with nothing in flight that the run still waits for; the models count it as an I/O
     * error of their own ({@code ioErrors}), which compare does not judge.
     */
    private static void resetQuietly(Connection c) {
        if (c.channel != null && c.channel.isOpen()) {
            try {
                c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // not connected, or already reset: the close below is all there is to do
            }
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException e) {
                // closing a socket we are abandoning: nothing to do about a failure
            }
            c.channel = null;
            c.key = null;
        }
    }
}
