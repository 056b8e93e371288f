package io.concbench.loadgen;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small purpose-built blocking HTTP/1.1 server for the load generator's tests: one platform
 * thread per connection, a {@link Handler} deciding what each connection gets. It counts every
 * request head it reads, and every connection it accepts. Bound to 127.0.0.1, port 0.
 */
public final class TestServer implements AutoCloseable {

    /** What one accepted connection gets, on its own thread. Return to close it normally. */
    public interface Handler {
        void serve(Socket socket, InputStream in, OutputStream out, TestServer server) throws IOException, InterruptedException;
    }

    static final String OK_BODY = "Hello, World!";
    private static final int BACKLOG = 1024;

    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong connections = new AtomicLong();
    private final ServerSocket listener;
    private final Handler handler;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private TestServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "test-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TestServer start(Handler handler) throws IOException {
        return start(handler, 0);
    }

    /** With {@code receiveBufferBytes > 0}, accepted sockets get that small a receive buffer (set before bind, as TCP needs). */
    public static TestServer start(Handler handler, int receiveBufferBytes) throws IOException {
        ServerSocket ss = new ServerSocket();
        if (receiveBufferBytes > 0) {
            ss.setReceiveBufferSize(receiveBufferBytes);
        }
        ss.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        return new TestServer(ss, handler);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            open.add(s);
            Thread t = new Thread(() -> {
                try (s) {
                    s.setTcpNoDelay(true);
                    handler.serve(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream(), this);
                } catch (IOException | InterruptedException e) {
                    // the client went away or the test is over
                } finally {
                    open.remove(s);
                }
            }, "test-server-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads one request head (through the blank line); false at end of stream. Counts it. */
    public boolean readRequest(InputStream in) throws IOException {
        int matched = 0;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            matched = switch (matched) {
                case 0, 2 -> b == '\r' ? matched + 1 : 0;
                case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (matched == 4) {
                requests.incrementAndGet();
                return true;
            }
        }
        if (any) {
            throw new SocketException("request cut short");
        }
        return false;
    }

    static byte[] response(int status, String extraHeaders, String body) {
        return ("HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length() + "\r\n" + extraHeaders + "\r\n" + body)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static final byte[] OK = response(200, "Content-Type: text/plain\r\n", OK_BODY);

    /** Answers every request 200 after {@code delayNanos} (0: at once). */
    public static Handler answering(long delayNanos) {
        return (s, in, out, server) -> {
            while (server.readRequest(in)) {
                if (delayNanos > 0) {
                    sleepNanos(delayNanos);
                }
                out.write(OK);
                out.flush();
            }
        };
    }

    static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
