package io.concbench.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A client that sends and never reads, to drive an event-loop model into its pending-output cap: its
 * small receive buffer fills at once, then the server's send buffer, and what the server still has to
 * say piles up in the server until the cap closes the connection and counts
 * {@code pendingOutputOverflows}.
 */
public final class NeverReadingClient {

    /** Small, so the cap rather than the kernel's buffers decides how much the server holds. */
    public static final int RECEIVE_BUFFER_BYTES = 4096;

    private NeverReadingClient() {
    }

    /**
     * Connects to {@code server} and writes {@code requests} without reading, until all are written, the
     * server counts a {@code pendingOutputOverflows}, it resets the connection, or {@link StatsWait#WAIT_MILLIS}
     * pass. Returns the connection still open: the caller asserts, then closes it (closing first would turn
     * a slow server's overflow into a reset).
     */
    public static SocketChannel flood(RunningServer server, byte[] requests) throws IOException, InterruptedException {
        SocketChannel greedy = SocketChannel.open();
        try {
            greedy.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            greedy.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            greedy.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            greedy.close();
            throw e;
        }
        ByteBuffer out = ByteBuffer.wrap(requests);
        long deadline = System.nanoTime() + StatsWait.WAIT_MILLIS * 1_000_000;
        try {
            while (out.hasRemaining() && server.stats().counters().get("pendingOutputOverflows") == 0
                    && System.nanoTime() - deadline < 0) {
                if (greedy.write(out) == 0) {
                    Thread.sleep(1);
                }
            }
        } catch (IOException reset) {
            // the server closed us: expected
        } catch (InterruptedException e) {
            greedy.close();
            throw e;
        }
        return greedy;
    }
}
