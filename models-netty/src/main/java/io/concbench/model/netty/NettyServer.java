package io.concbench.model.netty;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerCounters;
import io.concbench.harness.ServerStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running Netty server: one event-loop group that both accepts (on one loop) and serves. Methods may
 * be called from any thread. {@link #close()} is idempotent, closes every connection, stops every loop
 * thread and releases the port for immediate rebinding.
 */
final class NettyServer implements RunningServer {

    /** How long close() waits for the loops to finish; a loop is slow to stop only while it runs a long /cpu. */
    static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Netty's adaptive read-size guesser starts here and moves between its minimum and the read buffer. */
    static final int MIN_READ_BYTES = 64;
    static final int INITIAL_READ_BYTES = 2048;

    private final NettyOptions options;
    private final int maxConnections;
    private final ServerCounters counters = new ServerCounters();
    private final EventLoopGroup group;
    private final List<EventExecutor> loops = new ArrayList<>();
    private final List<LoopCounter.Slots> slots = new ArrayList<>();
    /** Every open connection, so that close() can close them before it stops the loops. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel listener;
    private int port;

    private NettyServer(NettyOptions options, int maxConnections) {
        this.options = options;
        this.maxConnections = maxConnections;
        IoHandlerFactory io = options.transport() == NettyOptions.Transport.EPOLL
                ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(options.loops(), loopThreads(), io);
        for (EventExecutor e : group) {
            slots.add(new LoopCounter.Slots(loops.size()));
            loops.add(e);
        }
    }

    /** Binds and returns; on return the port accepts connections. */
    static NettyServer start(ServerConfig config, NettyOptions options) throws IOException {
        NettyServer server = new NettyServer(options, config.effectiveMaxConnections());
        try {
            server.bind(config);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind(ServerConfig config) throws IOException {
        Shared shared = new Shared(counters, config.app(), config.limits(), maxConnections);
        boolean epoll = options.transport() == NettyOptions.Transport.EPOLL;
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(
                        MIN_READ_BYTES, Math.min(INITIAL_READ_BYTES, options.readBufferBytes()), options.readBufferBytes()))
                // Low = high: writable again only when the backlog is back under the cap; see HttpHandler#flushBatch.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.maxPendingOutputBytes(), options.maxPendingOutputBytes()))
                // Half-closed clients get every answer they asked for before the close (HttpHandler#userEventTriggered).
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        HttpHandler handler = new HttpHandler(shared, slotsOfThisLoop());
                        if (options.codec() == NettyOptions.Codec.NETTY) {
                            CodecPipeline.install(ch.pipeline(), config.limits(), handler);
                        } else {
                            ch.pipeline().addLast("app", handler);
                        }
                    }
                });
        if (config.reusePort()) {
            if (!epoll) {
                throw new IllegalArgumentException("model 'netty' shares a port (SO_REUSEPORT) only with --transport epoll");
            }
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        io.netty.channel.ChannelFuture f = b.bind(new InetSocketAddress(config.bindAddress(), config.port())).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot bind " + config.bindAddress().getHostAddress() + ":" + config.port() + ": " + cause, cause);
        }
        listener = f.channel();
        port = ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The counters of the loop that runs the caller: a channel is initialised on its own loop. */
    private LoopCounter.Slots slotsOfThisLoop() {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return slots.get(i);
            }
        }
        throw new IllegalStateException("not on one of this server's event loops");
    }

    /** Named cb-netty-loop-N (close() is checked by name); FastThreadLocalThreads get the pooled allocator's thread caches. */
    private static ThreadFactory loopThreads() {
        AtomicInteger next = new AtomicInteger();
        return r -> new FastThreadLocalThread(r, "cb-netty-loop-" + next.getAndIncrement());
    }

    @Override
    public int port() {
        return port;
    }

    /** Each loop's share, and every other {@link LoopCounter} totalled over the loops, in the enum's order. */
    @Override
    public ServerStats stats() {
        List<ServerStats.WorkerShare> shares = new ArrayList<>(slots.size());
        Map<String, Long> extra = new LinkedHashMap<>();
        for (LoopCounter c : LoopCounter.TOTALS) {
            extra.put(c.statsName, 0L);
        }
        for (LoopCounter.Slots s : slots) {
            shares.add(new ServerStats.WorkerShare("loop-" + s.loop, s.get(LoopCounter.CONNECTIONS), s.get(LoopCounter.REQUESTS)));
            for (LoopCounter c : LoopCounter.TOTALS) {
                extra.merge(c.statsName, s.get(c), Long::sum);
            }
        }
        return counters.snapshot(shares, extra);
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("variant", options.variant());
        f.put("transport", options.transport().optionValue());
        f.put("codec", options.codec().optionValue());
        f.put("loops", options.loops());
        f.put("readBufferBytes", options.readBufferBytes());
        f.put("maxPendingOutputBytes", options.maxPendingOutputBytes());
        f.put("maxConnections", maxConnections);
        f.put("allocator", "pooled-direct");
        f.put("netty", io.netty.util.Version.identify().getOrDefault("netty-transport",
                io.netty.util.Version.identify().values().iterator().next()).artifactVersion());
        f.put("threads", "platform");
        return f;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        connections.close().awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        // Quiet period 0: the loops run what is queued (the closed channels' inactive events) and stop.
        group.shutdownGracefully(0, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_WAIT_MILLIS * 2);
    }
}
