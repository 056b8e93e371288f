package io.concbench.cli;

import io.concbench.harness.serve.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code concbench slowloris}: N connections that each start a request head and then trickle one
 * header line per interval, never finishing it — the attack a header timeout exists for. Run it
 * beside {@code concbench load} to see what slow clients cost a model's normal clients.
 */
@Command(name = "slowloris", mixinStandardHelpOptions = true,
        description = {"Hold N connections that never finish their request head (a slowloris attack).",
            "Each trickles one header line per interval; at the end it reports how the server dealt with them."})
final class SlowlorisCommand implements Callable<Integer> {

    /** A stricter bound than the open-file limit: each connection also costs the server a descriptor on this machine. */
    static final int MAX_CONNECTIONS = 10_000;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http://127.0.0.1:PORT/path")
    String url;

    @Option(names = {"-c", "--connections"}, defaultValue = "1000", description = "Slow connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = {"-d", "--duration"}, defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to keep them. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Pause between trickled header lines. Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        ServerUrl serverUrl = ServerUrl.parse(url);
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("-c must be between 1 and " + MAX_CONNECTIONS + ", got " + connections);
        }
        byte[] start = ("GET " + serverUrl.path() + " HTTP/1.1\r\nHost: " + serverUrl.host() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = "X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII);
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger timedOut408 = new AtomicInteger();
        AtomicInteger closedOtherwise = new AtomicInteger();
        AtomicInteger heldToTheEnd = new AtomicInteger();
        long endNanos = System.nanoTime() + duration.toNanos();
        List<Socket> sockets = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                sockets.add(s);
                pool.execute(() -> {
                    try {
                        s.connect(new InetSocketAddress(serverUrl.host(), serverUrl.port()), CONNECT_TIMEOUT_MILLIS);
                        connected.incrementAndGet();
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        out.write(start);
                        s.setSoTimeout((int) Math.max(1, interval.toMillis()));
                        while (System.nanoTime() < endNanos) {
                            try {
                                byte[] head = in.readNBytes(12);     // "HTTP/1.1 408"
                                String status = new String(head, StandardCharsets.US_ASCII);
                                if (status.endsWith("408")) {
                                    timedOut408.incrementAndGet();
                                } else if (status.endsWith("503")) {
                                    refused.incrementAndGet();
                                } else {
                                    closedOtherwise.incrementAndGet();
                                }
                                return;
                            } catch (SocketTimeoutException quiet) {
                                out.write(line);                     // the server still waits: feed it one more line
                            }
                        }
                        heldToTheEnd.incrementAndGet();
                    } catch (IOException e) {
                        closedOtherwise.incrementAndGet();
                    } finally {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing is best effort
                        }
                    }
                });
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("slowloris %s: %d connections for %s; connected %d, answered 408 %d, refused 503 %d, "
                        + "closed otherwise %d, still waiting at the end %d%n",
                url, connections, duration.toMillis() / 1000.0 + " s", connected.get(), timedOut408.get(), refused.get(), closedOtherwise.get(),
                heldToTheEnd.get());
        out.flush();
        return 0;
    }
}
