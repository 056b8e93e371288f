package io.concbench.harness.blocking;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerCounters;
import io.concbench.harness.ServerStats;
import io.concbench.harness.http.Response;
import io.concbench.harness.http.Status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Accepts on one platform thread and serves each connection, in blocking mode, on a thread the
 * {@link Dispatcher} provides. Used by the thread-pool, thread-per-connection and virtual-thread models.
 */
public final class BlockingServer implements RunningServer {

    /** How long close() waits for connection threads to finish after their sockets were closed. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    private static final Response OVERLOADED = Response.error(Status.SERVICE_UNAVAILABLE);

    private final String model;
    private final ServerConfig config;
    private final Dispatcher dispatcher;
    private final ServerSocketChannel listener;
    private final ServerCounters counters = new ServerCounters();
    private final Thread acceptor;
    private final int maxConnections;
    private final Object lifecycle = new Object();
    private int running;            // connection tasks started and not finished; guarded by lifecycle
    /**
     * The newest open connection; the others follow through {@link BlockingConnection#older}. Guarded
     * by lifecycle. A list through the connections, not a concurrent set: a set costs a 32 B node and
     * a table slot per idle connection, and tracking takes the lifecycle lock anyway.
     */
    private BlockingConnection newest;
    private boolean closed;         // guarded by lifecycle

    private BlockingServer(String model, ServerConfig config, Dispatcher dispatcher, ServerSocketChannel listener) {
        this.model = model;
        this.config = config;
        this.dispatcher = dispatcher;
        this.listener = listener;
        this.maxConnections = config.effectiveMaxConnections();
        this.acceptor = Thread.ofPlatform().name("cb-" + model + "-acceptor").unstarted(this::acceptLoop);
    }

    /** Binds as {@code config} says and starts accepting; on return the port accepts connections. */
    public static BlockingServer start(String model, ServerConfig config, Dispatcher dispatcher) throws IOException {
        ServerSocketChannel listener = bind(config);
        BlockingServer server = new BlockingServer(model, config, dispatcher, listener);
        server.acceptor.start();
        return server;
    }

    /** Opens a listening channel with SO_REUSEADDR, and SO_REUSEPORT when the config asks for it. */
    public static ServerSocketChannel bind(ServerConfig config) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (config.reusePort()) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(new InetSocketAddress(config.bindAddress(), config.port()), config.backlog());
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;                                   // close() closed the listener
            } catch (IOException e) {
                // EMFILE and the like: this connection is lost, the server goes on.
                pauseAfterAcceptFailure();
                continue;
            }
            counters.connectionOpened();
            if (counters.connectionsOpen() > maxConnections) {
                counters.rejected();
                refuse(ch);
                counters.connectionClosed();
                continue;
            }
            BlockingConnection connection = new BlockingConnection(ch, this);
            if (!track(connection)) {
                closeQuietly(ch);
                counters.connectionClosed();
                return;
            }
            boolean taken;
            try {
                taken = dispatcher.dispatch(connection);
            } catch (RuntimeException | OutOfMemoryError e) {
                taken = false;                            // e.g. "unable to create native thread"
            }
            if (!taken) {
                untrack(connection);
                counters.rejected();
                refuse(ch);
                counters.connectionClosed();
            }
        }
    }

    private boolean track(BlockingConnection c) {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            c.older = newest;
            if (newest != null) {
                newest.newer = c;
            }
            newest = c;
            running++;
            return true;
        }
    }

    private void untrack(BlockingConnection c) {
        synchronized (lifecycle) {
            if (c.newer != null) {
                c.newer.older = c.older;
            } else {
                newest = c.older;
            }
            if (c.older != null) {
                c.older.newer = c.newer;
            }
            c.older = null;
            c.newer = null;
            if (--running == 0) {
                lifecycle.notifyAll();
            }
        }
    }

    ServerConfig config() {
        return config;
    }

    ServerCounters counters() {
        return counters;
    }

    /** Called by a connection on its own thread when it has closed its channel. */
    void finished(BlockingConnection connection) {
        counters.connectionClosed();
        untrack(connection);
    }

    /** Answers 503 without waiting for the client: drain what already arrived so the close is a FIN, not a reset. */
    private static void refuse(SocketChannel ch) {
        try (ch) {
            ch.configureBlocking(false);
            ch.read(ByteBuffer.allocate(1024));
            ch.write(ByteBuffer.wrap(OVERLOADED.encode(Response.Connection.CLOSE)));
            ch.shutdownOutput();
        } catch (IOException ignored) {
            // The client went away; nothing to tell it.
        }
    }

    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(10);                             // let connections close before retrying accept
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listenerAddress()).getPort();
    }

    private java.net.SocketAddress listenerAddress() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener is closed", e);
        }
    }

    @Override
    public ServerStats stats() {
        return counters.snapshot(List.of(), Map.of());
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> f = new java.util.LinkedHashMap<>(dispatcher.facts());
        f.put("maxConnections", maxConnections);
        return f;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(listener);
        joinQuietly(acceptor);
        List<BlockingConnection> open = new ArrayList<>();
        synchronized (lifecycle) {
            for (BlockingConnection c = newest; c != null; c = c.older) {
                open.add(c);
            }
        }
        for (BlockingConnection c : open) {               // outside the lock: a closing connection untracks itself
            c.abort();                                    // closes the socket, wakes a sleeping /io wait
        }
        dispatcher.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        synchronized (lifecycle) {
            while (running > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    lifecycle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
