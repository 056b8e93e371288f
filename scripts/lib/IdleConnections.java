import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds N idle keep-alive connections to a server on 127.0.0.1, for measuring the server's memory
 * per connection. Each connection sends one {@code GET /plaintext} and reads the whole answer, so
 * the server sees a used keep-alive connection, then stays open and silent. Prints {@code OPEN N}
 * once all are open, and holds them until stdin ends.
 *
 * <p>Usage (source launcher, no build needed): {@code java IdleConnections.java PORT N}.
 * Used by scripts/bench-servers.
 */
public class IdleConnections {

    private static final byte[] REQUEST = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_END = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_BUFFER_BYTES = 4096;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java IdleConnections.java PORT CONNECTIONS");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        int n = Integer.parseInt(args[1]);
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
        for (int i = 0; i < n; i++) {
            SocketChannel c;
            try {
                c = SocketChannel.open(server);
            } catch (IOException e) {
                System.err.println("IdleConnections: connection " + (i + 1) + " of " + n + " failed: " + e.getMessage()
                        + " (open-files limit: ulimit -n)");
                System.exit(1);
                return;
            }
            c.write(ByteBuffer.wrap(REQUEST));
            in.clear();
            while (!endsWithBody(in)) {
                if (c.read(in) < 0) {
                    throw new IOException("server closed connection " + (i + 1) + " before answering");
                }
            }
            open.add(c);
        }
        System.out.println("OPEN " + open.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the caller closes our stdin
        }
        for (SocketChannel c : open) {
            c.close();
        }
    }

    private static boolean endsWithBody(ByteBuffer in) {
        int end = in.position();
        if (end < BODY_END.length) {
            return false;
        }
        for (int i = 0; i < BODY_END.length; i++) {
            if (in.get(end - BODY_END.length + i) != BODY_END[i]) {
                return false;
            }
        }
        return true;
    }
}
