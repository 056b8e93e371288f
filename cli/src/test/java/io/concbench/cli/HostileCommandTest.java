package io.concbench.cli;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModels;
import io.concbench.harness.hostile.HostileCorpus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code concbench hostile} against a real model (all as documented) and against a server that answers 200 to anything. */
class HostileCommandTest {

    @Test
    void aRealModelAnswersEveryCaseAsDocumented() throws IOException {
        int n = HostileCorpus.cases().size();
        try (RunningServer server = ServerModels.named("reactor").start(ServerConfig.defaults().withWorkers(1))) {
            CliRun run = CliRun.of("hostile", "http://127.0.0.1:" + server.port() + "/plaintext");
            assertEquals(0, run.code(), run.out() + run.err());
            assertEquals("hostile: " + n + " of " + n + " cases answered as documented (statuses and close); healthy connection "
                    + (n + 1) + " of " + (n + 1) + " answered; server still answering\n", run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void aServerAnswering200ToEverythingDeviatesAndExitsOne() throws Exception {
        int n = HostileCorpus.cases().size();
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor()) {
            connections.execute(() -> acceptAndAnswer200(fake, connections));
            CliRun run = CliRun.of("hostile", "http://127.0.0.1:" + fake.getLocalPort() + "/plaintext", "--timeout", "2s");
            fake.close();
            assertEquals(HostileCommand.DEVIATIONS, run.code(), run.out() + run.err());
            assertTrue(run.out().contains("  deviation: no version: answer 1 is 200, documented 400\n"), run.out());
            assertTrue(run.out().contains("  deviation: HTTP/2.0: answer 1 is 200, documented 505\n"), run.out());
            assertTrue(run.out().contains("  deviation: healthy connection after no version: the server closes it (Connection: close)\n"), run.out());
            String last = run.out().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.matches("hostile: \\d+ of " + n + " cases answered as documented .*") && !last.startsWith("hostile: " + n + " "), last);
            assertTrue(last.endsWith("; server still answering"), last);
            assertEquals("", run.err());
        }
    }

    @Test
    void nothingListeningIsAUserError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("hostile", "http://127.0.0.1:" + port + "/plaintext");
        assertEquals(2, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("concbench hostile: nothing answers at 127.0.0.1:" + port), run.err());
    }

    @Test
    void aBadUrlIsAUserError() {
        CliRun run = CliRun.of("hostile", "127.0.0.1:8080");
        assertEquals(2, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("concbench hostile: '127.0.0.1:8080' "), run.err());
    }

    /** Reads whatever arrives first, answers 200 with a close, then waits for the client to close. */
    private static void acceptAndAnswer200(ServerSocket fake, ExecutorService connections) {
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!".getBytes(StandardCharsets.US_ASCII);
        while (!fake.isClosed()) {
            Socket s;
            try {
                s = fake.accept();
            } catch (IOException closed) {
                return;
            }
            connections.execute(() -> {
                try (s) {
                    s.setSoTimeout(5_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[65_536];
                    if (in.read(buf) < 0) {
                        return;
                    }
                    out.write(ok);
                    out.flush();
                    s.shutdownOutput();
                    while (in.read(buf) >= 0) {
                        // drain until the client closes, so that unread input does not turn our close into a reset
                    }
                } catch (IOException ignored) {
                    // the client went away: nothing to answer
                }
            });
        }
    }
}
