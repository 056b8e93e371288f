package io.concbench.compare;

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
 * Holds N idle keep-alive connections to a server for the memory-per-connection step: each connects,
 * sends one request, reads its 200, and then stays open and silent until {@link #close()}.
 */
final class Holder implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    /** Connections opened at once: enough to go fast, few enough not to overflow the listen backlog. */
    static final int PARALLEL_OPENS = 64;

    private static final byte[] REQUEST = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new ArrayList<>();

    /** Opens up to {@code n} connections; returns when each has been held or has failed. */
    static Holder open(int port, int n) throws InterruptedException {
        Holder h = new Holder();
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
            if (failures.size() < 3 && !failures.contains(failure)) {
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

    int held() {
        return held.size();
    }

    long refused() {
        return refused.get();
    }

    long failed() {
        return failed.get();
    }

    /** A short description of why some connections were not held, or "". */
    String failureSummary() {
        if (refused.get() == 0 && failed.get() == 0) {
            return "";
        }
        synchronized (failures) {
            return refused.get() + " refused, " + failed.get() + " failed (" + String.join("; ", failures) + ")";
        }
    }

    @Override
    public void close() {
        Socket s;
        while ((s = held.poll()) != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
