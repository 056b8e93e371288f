package io.concbench.model.reactor;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerCounters;
import io.concbench.harness.ServerStats;
import io.concbench.harness.blocking.BlockingServer;
import io.concbench.harness.loop.LoopThreads;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The running reactor: N {@link EventLoop}s and their listener(s). Methods may be called from any thread.
 * {@link #close()} is idempotent, joins every loop and releases the port for immediate rebinding.
 */
final class ReactorServer implements RunningServer {

    /** How long close() waits for each loop to finish; a loop is slow to stop only while it runs a long /cpu. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ReactorOptions options;
    private final ServerCounters counters = new ServerCounters();
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger nextScanStart = new AtomicInteger();
    private int port;
    private final int maxConnections;

    private ReactorServer(ReactorOptions options, int maxConnections) {
        this.options = options;
        this.maxConnections = maxConnections;
    }

    /** Connections open at once beyond which a new one gets 503 and close. */
    int maxConnections() {
        return maxConnections;
    }

    /** Binds, starts every loop and returns; on return the port accepts connections. */
    static ReactorServer start(ServerConfig config, ReactorOptions options, LongSupplier nanoClock) throws IOException {
        ReactorServer server = new ReactorServer(options, config.effectiveMaxConnections());
        try {
            server.bind(config);
            for (int i = 0; i < options.loops(); i++) {
                server.loops.add(new EventLoop(i, server, options, server.counters, config.app(), config.limits(), nanoClock));
            }
            for (int i = 0; i < server.listeners.size(); i++) {
                server.loops.get(i).listen(server.listeners.get(i));
            }
        } catch (IOException | RuntimeException e) {
            server.listeners.forEach(EventLoop::closeQuietly);
            server.loops.forEach(EventLoop::discard);
            throw e;
        }
        server.loops.forEach(EventLoop::start);
        return server;
    }

    private void bind(ServerConfig config) throws IOException {
        if (options.accept() == ReactorOptions.AcceptMode.SHARED) {
            listeners.add(BlockingServer.bind(config));
        } else {
            ServerConfig shared = config.withReusePort(true);
            ServerSocketChannel first;
            try {
                first = BlockingServer.bind(shared);
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("--accept reuseport needs SO_REUSEPORT, which this platform lacks; use --accept shared");
            }
            listeners.add(first);
            // With port 0 the first bind picks the port; the other loops bind to that same one.
            ServerConfig same = shared.withPort(((InetSocketAddress) first.getLocalAddress()).getPort());
            for (int i = 1; i < options.loops(); i++) {
                listeners.add(BlockingServer.bind(same));
            }
        }
        port = ((InetSocketAddress) listeners.get(0).getLocalAddress()).getPort();
    }

    /**
     * The loop that serves a connection {@code acceptor} just accepted. Called on the acceptor's thread.
     * Shared accept: the loop with the fewest open connections, scanning from a rotating start so that
     * ties spread. SO_REUSEPORT: the acceptor itself — the kernel already chose.
     */
    EventLoop loopFor(EventLoop acceptor) {
        if (options.accept() == ReactorOptions.AcceptMode.REUSEPORT || loops.size() == 1) {
            return acceptor;
        }
        int n = loops.size();
        int start = Math.floorMod(nextScanStart.getAndIncrement(), n);
        EventLoop best = loops.get(start);
        for (int i = 1; i < n; i++) {
            EventLoop l = loops.get((start + i) % n);
            if (l.openConnections() < best.openConnections()) {
                best = l;
            }
        }
        return best;
    }

    /**
     * A loop died of an unexpected error (it counted {@link LoopCounter#LOOP_FAILURES} itself): report it
     * once and stop the whole server rather than serve with a hole. Called on the dying loop's thread.
     */
    void loopFailed(EventLoop loop, Throwable t) {
        System.err.println("reactor: event loop " + loop.index + " failed, stopping the server: " + t);
        Thread.ofPlatform().name("cb-reactor-stop").start(this::close);
    }

    List<EventLoop> loops() {
        return loops;
    }

    @Override
    public int port() {
        return port;
    }

    /** Each loop's share, and every other {@link LoopCounter} totalled over the loops, in the enum's order. */
    @Override
    public ServerStats stats() {
        List<ServerStats.WorkerShare> shares = new ArrayList<>(loops.size());
        long[] totals = new long[LoopCounter.values().length];
        for (EventLoop l : loops) {
            shares.add(new ServerStats.WorkerShare("loop-" + l.index,
                    l.counter(LoopCounter.CONNECTIONS), l.counter(LoopCounter.REQUESTS)));
            for (LoopCounter c : LoopCounter.TOTALS) {
                totals[c.ordinal()] = c.total(totals[c.ordinal()], l.counter(c));
            }
        }
        Map<String, Long> extra = new LinkedHashMap<>();
        for (LoopCounter c : LoopCounter.TOTALS) {
            extra.put(c.statsName, totals[c.ordinal()]);
        }
        return counters.snapshot(shares, extra);
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("loops", options.loops());
        f.put("accept", options.accept().optionValue());
        f.put("readBufferBytes", options.readBufferBytes());
        f.put("maxPendingOutputBytes", options.maxPendingOutputBytes());
        f.put("maxConnections", maxConnections);
        f.put("threads", "platform");
        return f;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (EventLoop l : loops) {
            l.stop();
        }
        LoopThreads.joinEach(loops.stream().map(EventLoop::thread).toList(), CLOSE_WAIT_MILLIS);
        // A connection handed to a loop after that loop had exited is closed here; the loops own the rest.
        for (EventLoop l : loops) {
            l.closeHandedOver();
        }
        listeners.forEach(EventLoop::closeQuietly);
    }
}
