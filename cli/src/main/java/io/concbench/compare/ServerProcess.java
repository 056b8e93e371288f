package io.concbench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.MemoryReport;
import io.concbench.harness.ServerStats;
import io.concbench.harness.result.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server child process started through {@code ServeMain}, driven over its stdin. One orchestrating
 * thread starts and stops it; commands may also come from the {@link Sampler}'s thread (stats during
 * the run), so a command and its answer are one synchronized exchange. Closing stdin (close()) stops
 * the server; a server that does not stop in time is killed, so no server outlives its run.
 */
final class ServerProcess implements AutoCloseable {

    static final String SERVE_MAIN = "io.concbench.harness.serve.ServeMain";
    static final long READY_TIMEOUT_MILLIS = 60_000;
    static final long REPLY_TIMEOUT_MILLIS = 60_000;
    static final long STOP_GRACE_MILLIS = 10_000;
    static final int STDERR_LINES_KEPT = 20;

    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final JsonNode ready;
    private final long readyMillis;

    private ServerProcess(Process process, long startedNanos) throws IOException {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("compare-server-stdout").start(this::pumpStdout);
        Thread.ofPlatform().daemon().name("compare-server-stderr").start(this::pumpStderr);
        this.ready = awaitReady();
        this.readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Starts the server and waits for its READY line; a server that dies or hangs first is an IOException saying why. */
    static ServerProcess start(List<String> command) throws IOException {
        long startedNanos = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        try {
            return new ServerProcess(p, startedNanos);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    long pid() {
        return ready.path("pid").asLong(process.pid());
    }

    int port() {
        return ready.path("port").asInt();
    }

    /** From starting the process to its READY line. */
    long readyMillis() {
        return readyMillis;
    }

    JsonNode ready() {
        return ready;
    }

    boolean alive() {
        return process.isAlive();
    }

    ServerStats stats() throws IOException {
        return Json.MAPPER.treeToValue(command("stats"), ServerStats.class);
    }

    MemoryReport gc() throws IOException {
        return Json.MAPPER.treeToValue(command("gc"), MemoryReport.class);
    }

    /** Sends one command, returns its one-line JSON answer. */
    synchronized JsonNode command(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
        String line = next(REPLY_TIMEOUT_MILLIS);
        if (line == null) {
            throw new IOException("server did not answer '" + command + "'" + death());
        }
        return Json.MAPPER.readTree(line);
    }

    private JsonNode awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (true) {
            String line = next(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (line == null) {
                throw new IOException("server printed no READY line" + death());
            }
            if (line.startsWith("READY ")) {
                return Json.MAPPER.readTree(line.substring("READY ".length()));
            }
        }
    }

    private String next(long timeoutMillis) throws IOException {
        try {
            String line = timeoutMillis > 0 ? lines.poll(timeoutMillis, TimeUnit.MILLISECONDS) : null;
            return line == null || line.equals(EOF) ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server");
        }
    }

    /** ": exited with code N; last stderr: ..." when the process is gone, else "". */
    String death() {
        try {
            process.waitFor(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            return " (it is still running)";
        }
        return ": server exited with code " + process.exitValue() + lastStderr();
    }

    String lastStderr() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; last stderr: " + String.join(" | ", stderrTail);
        }
    }

    private void pumpStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.put(line);
            }
        } catch (IOException | InterruptedException ignored) {
            // the process is gone
        } finally {
            lines.offer(EOF);
        }
    }

    private void pumpStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** Stops the server: stdin closes, then SIGTERM, then SIGKILL, each after a grace period. Returns the exit code. */
    int stop() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
