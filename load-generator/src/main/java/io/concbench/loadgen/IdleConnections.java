package io.concbench.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds N idle keep-alive connections to a server on 127.0.0.1, for measuring the server's memory
 * per connection: each connects, sends one {@code GET /plaintext}, reads its whole 200 (so the server
 * sees a used keep-alive connection), and then stays open and silent until {@link #close()}.
 *
 * <p>In-process: {@code concbench compare}'s memory step. As a program,
 * {@code java -cp concbench-load.jar io.concbench.loadgen.IdleConnections PORT N} prints
 * {@code OPEN <held>} once all N are held and keeps them until its stdin ends; when any could not be
 * held it says why on stderr and exits 1 instead (scripts/bench-servers waits for that line).
 *
 * <p>{@link #open} returns when every connection has been held or has failed; the counts are
 * final from then on. {@link #close()} is idempotent and may be called from any thread.
 */
public final class IdleConnections implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    /** Connections opened at once: enough to go fast, few enough not to overflow the listen backlog. */
    static final int PARALLEL_OPENS = 64;
    /** Distinct failure reasons kept for {@link #failureSummary()}: enough to diagnose, short enough to print. */
    static final int REASONS_KEPT = 3;

    private static final byte[] REQUEST = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new ArrayList<>();

    private IdleConnections() {}

    /** Opens up to {@code n} connections to 127.0.0.1:{@code port}; returns when each has been held or has failed. */
    public static IdleConnections open(int port, int n) throws InterruptedException {
        IdleConnections h = new IdleConnections();
        Semaphore slots = new Semaphore(PARALLEL_OPENS);
        try (ExecutorService openers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                slots.acquire();
                openers.execute(() -> {
                    try {
                        h.openOne(port);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return h;
    }

    private void openOne(int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.getOutputStream().write(REQUEST);
            int status = readStatusAndBody(s.getInputStream());
            if (status == 200) {
                held.add(s);
                return;
            }
            refused.incrementAndGet();
            note("status " + status);
        } catch (IOException e) {
            failed.incrementAndGet();
            note(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    private void note(String failure) {
        synchronized (failures) {
            if (failures.size() < REASONS_KEPT && !failures.contains(failure)) {
                failures.add(failure);
            }
        }
    }

    /** Reads one response framed by Content-Length; returns its status. */
    private static int readStatusAndBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before answering");
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(h.substring(9, 12));
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return status;
    }

    /** Connections open now, each answered 200. */
    public int held() {
        return held.size();
    }

    /** Connections the server answered with a status other than 200. */
    public long refused() {
        return refused.get();
    }

    /** Connections that could not connect, or were closed or timed out before an answer. */
    public long failed() {
        return failed.get();
    }

    /** A short description of why some connections were not held, or "". */
    public String failureSummary() {
        if (refused.get() == 0 && failed.get() == 0) {
            return "";
        }
        synchronized (failures) {
            return refused.get() + " refused, " + failed.get() + " failed (" + String.join("; ", failures) + ")";
        }
    }

    /**
     * Closes every held connection with a reset (SO_LINGER 0): a normal close would leave each
     * client socket in TIME_WAIT for 60 s, and a memory step of 10,000 connections would hold that
     * many local ports from the load run that follows (see EventLoop's close at the end of a run).
     */
    @Override
    public void close() {
        Socket s;
        while ((s = held.poll()) != null) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // reset by the server already: the close below still releases it
            }
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }

    /** {@code PORT N}: see the class comment. Exit codes: 0 held and released, 1 not all held, 2 usage. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length == 2 ? intOrMinusOne(args[0]) : -1;
        int n = args.length == 2 ? intOrMinusOne(args[1]) : -1;
        if (port < 1 || port > 65_535 || n < 1) {
            System.err.println("usage: java -cp concbench-load.jar " + IdleConnections.class.getName()
                    + " PORT CONNECTIONS  (the port of a server on 127.0.0.1, and at least 1 connection)");
            System.exit(2);
        }
        try (IdleConnections c = open(port, n)) {
            if (c.held() < n) {
                System.err.println("IdleConnections: held " + c.held() + " of " + n + " connections to 127.0.0.1:" + port
                        + ": " + c.failureSummary() + " (open-files limit: ulimit -n)");
                System.exit(1);
            }
            System.out.println("OPEN " + c.held());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the caller closes our stdin
            }
        }
    }

    /** The integer {@code s} spells, or -1. */
    private static int intOrMinusOne(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
