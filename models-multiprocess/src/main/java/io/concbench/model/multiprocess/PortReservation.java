package io.concbench.model.multiprocess;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Holds the workers' port for the supervisor's lifetime: a TCP socket bound with SO_REUSEPORT that
 * never listens.
 *
 * <p>Why it works (measured on Linux 6.x): Linux puts a socket into a port's SO_REUSEPORT group only
 * when it listens, so a bound socket that never listens gets no connections; with no worker listening
 * a connect is refused, not queued. Yet it is bound, so another socket may join the port only if it
 * too sets SO_REUSEPORT under the same user, i.e. only our workers. Holding it while the supervisor
 * lives means a restarted worker can always bind again, even if every worker died at once and a
 * stranger tried to take the port meanwhile.
 *
 * <p>It is bound without SO_REUSEADDR, which on Linux would also let listeners without SO_REUSEPORT
 * bind beside it. Only when that bind fails (a fixed port with TIME_WAIT connections of an earlier
 * server, which only SO_REUSEADDR tolerates) does it retry with SO_REUSEADDR; a live listener
 * without SO_REUSEPORT still refuses it then. Closing it frees the port at once: it had no
 * connection, so it leaves no TIME_WAIT.
 */
final class PortReservation implements Closeable {

    private final SocketChannel socket;
    private final int port;

    private PortReservation(SocketChannel socket) throws IOException {
        this.socket = socket;
        this.port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
    }

    /** Reserves {@code port} on {@code address}, or a free port when it is 0. */
    static PortReservation reserve(InetAddress address, int port) throws IOException {
        try {
            return new PortReservation(bind(address, port, false));
        } catch (BindException inUse) {
            if (port == 0) {
                throw inUse;
            }
            return new PortReservation(bind(address, port, true));
        }
    }

    private static SocketChannel bind(InetAddress address, int port, boolean reuseAddress) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddress);
            if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new IOException("this platform has no SO_REUSEPORT, which multiprocess needs for its workers"
                        + " to share one port; use a single-process model");
            }
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            ch.bind(new InetSocketAddress(address, port));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that never connected does not fail in a way we could act on
        }
    }
}
