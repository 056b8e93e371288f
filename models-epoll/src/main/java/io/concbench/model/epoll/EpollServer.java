package io.concbench.model.epoll;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerCounters;
import io.concbench.harness.ServerStats;
import io.concbench.harness.loop.LoopThreads;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The running epoll model: N {@link EpollLoop}s sharing one non-blocking listening socket, which is in
 * every loop's epoll set with {@code EPOLLEXCLUSIVE}: the kernel wakes one waiting loop per incoming
 * connection and that loop accepts and keeps it, so there is no hand-over queue and no cross-thread
 * wake-up. Methods may be called from any thread. {@link #close()} is idempotent, joins every loop and
 * releases the port for immediate rebinding.
 */
final class EpollServer implements RunningServer {

    /** How long close() waits for each loop to finish; a loop is slow to stop only while it runs a long /cpu. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private final EpollOptions options;
    private final ServerCounters counters = new ServerCounters();
    private final List<EpollLoop> loops = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int maxConnections;
    /** For this thread's calls (bind, wake-ups); loops have their own. Guarded by this. */
    private final Linux.Calls sys = new Linux.Calls();
    private int listenFd = -1;
    private int port;
    /**
     * Parties still using the listening fd: every loop plus close() itself. The last to let go closes
     * it, so a loop that outlives close()'s wait (stuck in a long /cpu) never accepts on a closed fd
     * whose number the process has meanwhile reused.
     */
    private final AtomicInteger listenerUsers = new AtomicInteger();

    private EpollServer(EpollOptions options, int maxConnections) {
        this.options = options;
        this.maxConnections = maxConnections;
    }

    /** Binds, starts every loop and returns; on return the port accepts connections. */
    static EpollServer start(ServerConfig config, EpollOptions options, LongSupplier nanoClock) throws IOException {
        EpollServer server = new EpollServer(options, config.effectiveMaxConnections());
        try {
            server.bind(config);
            for (int i = 0; i < options.loops(); i++) {
                server.loops.add(new EpollLoop(i, server, server.listenFd, options, server.counters, config.app(),
                        config.limits(), nanoClock));
            }
        } catch (IOException | RuntimeException e) {
            server.loops.forEach(EpollLoop::discard);
            if (server.listenFd >= 0) {
                server.sys.close(server.listenFd);
            }
            server.sys.close();
            throw e;
        }
        server.listenerUsers.set(options.loops() + 1);
        server.loops.forEach(EpollLoop::start);
        return server;
    }

    private void bind(ServerConfig config) throws IOException {
        InetAddress address = config.bindAddress();
        int family = address instanceof Inet6Address ? Linux.AF_INET6 : Linux.AF_INET;
        int fd = sys.socket(family, Linux.SOCK_STREAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw sys.failure("socket");
        }
        listenFd = fd;
        if (sys.setIntOption(fd, Linux.SOL_SOCKET, Linux.SO_REUSEADDR, 1) != 0) {
            throw sys.failure("setsockopt(SO_REUSEADDR)");
        }
        if (config.reusePort() && sys.setIntOption(fd, Linux.SOL_SOCKET, Linux.SO_REUSEPORT, 1) != 0) {
            throw sys.failure("setsockopt(SO_REUSEPORT)");
        }
        Linux.NativeBuffer sockaddr = sys.allocate(Linux.SOCKADDR_MAX);
        int length = sockaddr(sockaddr.view(), address, config.port());
        if (sys.bind(fd, sockaddr, length) != 0) {
            throw new IOException(Linux.describe("bind " + address.getHostAddress() + ":" + config.port(), sys.errno()));
        }
        if (sys.listen(fd, config.backlog()) != 0) {
            throw sys.failure("listen");
        }
        port = sys.boundPort(fd);
        if (port <= 0) {
            throw sys.failure("getsockname");
        }
    }

    /** Writes a sockaddr_in or sockaddr_in6 for {@code address:port} at the start of {@code into}; returns its length. */
    static int sockaddr(ByteBuffer into, InetAddress address, int port) {
        ByteBuffer v = into.duplicate().order(ByteOrder.nativeOrder());
        for (int i = 0; i < Linux.SOCKADDR_MAX; i++) {
            v.put(i, (byte) 0);
        }
        byte[] raw = address.getAddress();
        v.put(2, (byte) (port >>> 8)).put(3, (byte) port);       // network order
        if (address instanceof Inet4Address) {
            v.putShort(0, (short) Linux.AF_INET);                // sa_family_t, native order
            v.put(4, raw);
            return 16;
        }
        v.putShort(0, (short) Linux.AF_INET6);
        v.put(8, raw);                                           // after sin6_flowinfo
        v.putInt(24, ((Inet6Address) address).getScopeId());
        return Linux.SOCKADDR_MAX;
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Called by each loop as it exits, and once by close(): the last one closes the listening socket. */
    void releaseListener() {
        if (listenerUsers.decrementAndGet() == 0) {
            synchronized (this) {
                sys.close(listenFd);
            }
        }
    }

    /**
     * A loop died of an unexpected error (it counted {@link LoopCounter#LOOP_FAILURES} itself): report it
     * once and stop the whole server rather than serve with a hole. Called on the dying loop's thread.
     */
    void loopFailed(EpollLoop loop, Throwable t) {
        System.err.println("epoll: event loop " + loop.index + " failed, stopping the server: " + t);
        Thread.ofPlatform().name("cb-epoll-stop").start(this::close);
    }

    List<EpollLoop> loops() {
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
        for (EpollLoop l : loops) {
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
        f.put("transport", "epoll via java.lang.foreign");
        f.put("accept", "EPOLLEXCLUSIVE");
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
        synchronized (this) {
            for (EpollLoop l : loops) {
                l.stop(sys);
            }
        }
        LoopThreads.joinEach(loops.stream().map(EpollLoop::thread).toList(), CLOSE_WAIT_MILLIS);
        releaseListener();
        synchronized (this) {
            if (listenerUsers.get() == 0) {
                sys.close();                        // a loop still running would need sys to close the listener
            }
        }
    }
}
