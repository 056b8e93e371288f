package io.concbench.model.multiprocess;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Linux behaviour the supervisor relies on, checked on the machine that runs it. */
class PortReservationTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int CONNECTIONS = 50;

    private static ServerSocketChannel reusePortListener(int port) throws IOException {
        ServerSocketChannel l = ServerSocketChannel.open();
        l.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        l.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        l.bind(new InetSocketAddress(LOOPBACK, port));
        return l;
    }

    @Test
    void reservedPortRefusesConnectionsUntilAWorkerListens() throws IOException {
        try (PortReservation r = PortReservation.reserve(LOOPBACK, 0)) {
            assertTrue(r.port() > 0);
            assertThrows(ConnectException.class, () -> SocketChannel.open(new InetSocketAddress(LOOPBACK, r.port())).close());
        }
    }

    @Test
    void reservationTakesNoConnectionFromTheWorkers() throws IOException {
        try (PortReservation r = PortReservation.reserve(LOOPBACK, 0);
             ServerSocketChannel worker = reusePortListener(r.port())) {
            for (int i = 0; i < CONNECTIONS; i++) {
                try (SocketChannel c = SocketChannel.open(new InetSocketAddress(LOOPBACK, r.port()));
                     SocketChannel accepted = worker.accept()) {
                    assertNotNull(accepted, "connection " + i + " went elsewhere");
                }
            }
        }
    }

    @Test
    void reservedPortIsClosedToListenersWithoutReusePort() throws IOException {
        try (PortReservation r = PortReservation.reserve(LOOPBACK, 0);
             ServerSocketChannel stranger = ServerSocketChannel.open()) {
            assertThrows(BindException.class, () -> stranger.bind(new InetSocketAddress(LOOPBACK, r.port())));
        }
    }

    @Test
    void closeFreesThePortAtOnce() throws IOException {
        int port;
        try (PortReservation r = PortReservation.reserve(LOOPBACK, 0)) {
            port = r.port();
        }
        try (ServerSocketChannel next = ServerSocketChannel.open()) {
            next.bind(new InetSocketAddress(LOOPBACK, port));
            assertEquals(port, ((InetSocketAddress) next.getLocalAddress()).getPort());
        }
    }

    @Test
    void portOfALiveListenerWithoutReusePortCannotBeReserved() throws IOException {
        try (ServerSocketChannel other = ServerSocketChannel.open()) {
            other.bind(new InetSocketAddress(LOOPBACK, 0));
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();
            assertThrows(BindException.class, () -> PortReservation.reserve(LOOPBACK, port));
        }
    }
}
