package io.concbench.model.multiprocess;

import com.fasterxml.jackson.core.type.TypeReference;
import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One worker JVM and the pipes to it. Its stdout carries one {@code READY} line, then one JSON line
 * per command; its stderr is copied to this process's stderr, prefixed with the worker's pid, and
 * its last {@value #STDERR_LINES_KEPT} lines are kept for error messages.
 *
 * <p>Threading: two reader threads per worker, named {@code cb-multiprocess-worker-<pid>-stdout|stderr},
 * end by themselves when the process exits. {@link #send} and {@link #awaitReply} must be called by
 * one thread at a time (the supervisor serializes commands); everything else may be called from any
 * thread.
 */
final class Worker {

    static final int STDERR_LINES_KEPT = 20;
    /** How long to wait for the last stderr lines of a worker that failed, before reporting it. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** After SIGKILL: the kernel frees a process at once unless it is stuck in uninterruptible I/O. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private static final String READY_PREFIX = "READY ";
    private static final String STANDBY_PREFIX = "STANDBY ";
    /** Put on the reply queue when stdout ends; a reply is a JSON object, so no reply equals it. */
    private static final String END_OF_OUTPUT = "\u0000end of output";
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** A standby's slot until it takes one over. */
    static final int NO_SLOT = -1;

    private volatile int slot;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<String> standing = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();   // guarded by itself
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private volatile boolean stdoutEnded;

    private Worker(int slot, Process process) {
        this.slot = slot;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String name = "cb-multiprocess-worker-" + process.pid();
        this.stdoutReader = Thread.ofPlatform().daemon().name(name + "-stdout").unstarted(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name(name + "-stderr").unstarted(this::readStderr);
    }

    /**
     * Starts a worker for {@code slot}; {@code onExit} runs (on a JDK thread; it must not block) once
     * the process has exited.
     */
    static Worker start(int slot, ProcessBuilder builder, Consumer<Worker> onExit) throws IOException {
        Worker w = new Worker(slot, builder.start());
        w.stdoutReader.start();
        w.stderrReader.start();
        w.process.onExit().thenRun(() -> onExit.accept(w));
        return w;
    }

    int slot() {
        return slot;
    }

    long pid() {
        return process.pid();
    }

    /** Whether this is a standby (started with {@code serve --await-start}) that said STANDBY and has not been started. */
    boolean isStanding() {
        return slot == NO_SLOT && standing.isDone() && !standing.isCompletedExceptionally() && process.isAlive();
    }

    /** Makes a standing standby the worker of {@code slot}: it binds and prints READY; {@link #awaitReady} waits for it. */
    void takeOver(int slot) throws IOException {
        this.slot = slot;
        send("start");
    }

    boolean isReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /**
     * Waits until the worker printed READY and returns the JSON it printed. A worker that exits first
     * or is not ready by {@code deadlineNanos} (a {@link System#nanoTime} value) fails with its last
     * stderr lines: exit code {@link Cli#USER_ERROR} as {@link IllegalArgumentException} (it refused
     * its arguments, e.g. an option the inner model does not have), anything else as {@link IOException}.
     */
    Map<String, Object> awaitReady(long deadlineNanos) throws IOException, InterruptedException {
        String json;
        try {
            json = ready.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException(describe("did not print READY in time") + lastStderr());
        } catch (ExecutionException e) {
            process.waitFor(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            stderrReader.join(SETTLE.toMillis());
            if (process.isAlive()) {
                throw new IOException(describe("closed its stdout before READY") + lastStderr());
            }
            String why = describe("exited with code " + process.exitValue() + " before READY");
            if (process.exitValue() == Cli.USER_ERROR) {
                throw new IllegalArgumentException(why + ": " + String.join(" | ", stderrTail()));
            }
            throw new IOException(why + lastStderr());
        }
        return Json.MAPPER.readValue(json, JSON_OBJECT);
    }

    /** Writes one command line. A reply left over from a command whose caller gave up is discarded first. */
    void send(String command) throws IOException {
        replies.clear();
        if (stdoutEnded) {
            throw new IOException(describe("has exited"));
        }
        synchronized (stdin) {
            stdin.write(command);
            stdin.write('\n');
            stdin.flush();
        }
    }

    /** The next reply line, waiting until {@code deadlineNanos}; fails when the worker ends or is late. */
    String awaitReply(long deadlineNanos) throws IOException, InterruptedException {
        String line = replies.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new IOException(describe("did not answer in time"));
        }
        if (line.equals(END_OF_OUTPUT)) {
            throw new IOException(describe("has exited"));
        }
        return line;
    }

    /**
     * Asks the worker to stop: {@code stop}, then end of stdin, which {@code ServeMain} also takes as
     * stop. Does not wait.
     */
    void requestStop() {
        synchronized (stdin) {
            try {
                stdin.write("stop\n");
                stdin.flush();
            } catch (IOException alreadyGone) {
                // nothing to ask
            }
            try {
                stdin.close();
            } catch (IOException alreadyGone) {
                // closed is what we wanted
            }
        }
    }

    /**
     * Waits up to {@code grace} for the worker to exit after {@link #requestStop}, then SIGTERM and
     * {@code grace} again, then SIGKILL; joins the reader threads. Returns once the process is gone.
     */
    void awaitStop(Duration grace) {
        if (!waitFor(grace)) {
            process.destroy();
            if (!waitFor(grace)) {
                kill();
            }
        }
        joinReaders();
    }

    /** SIGKILL, and wait for the process and the reader threads. */
    void kill() {
        process.destroyForcibly();
        waitFor(KILL_WAIT);
        joinReaders();
    }

    /** The last lines the worker wrote to stderr, oldest first. */
    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while running. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void joinReaders() {
        try {
            // Both end at the pipes' EOF, which the exit of the process brings.
            stdoutReader.join(SETTLE.toMillis());
            stderrReader.join(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout() {
        try (BufferedReader out = reader(process.getInputStream())) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!standing.isDone() && line.startsWith(STANDBY_PREFIX)) {
                    standing.complete(line.substring(STANDBY_PREFIX.length()));
                    System.err.println("multiprocess: standby worker (pid " + pid() + ") waits to take over");
                } else if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                    ready.complete(line.substring(READY_PREFIX.length()));
                } else if (ready.isDone() && line.startsWith("{")) {
                    replies.add(line);
                } else {
                    // JVM output that reached stdout despite the worker flags (e.g. -XX:+PrintFlagsFinal).
                    keep("stdout: " + line);
                }
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone, as at EOF.
        } finally {
            stdoutEnded = true;
            ready.completeExceptionally(new EOFException("stdout ended"));
            standing.completeExceptionally(new EOFException("stdout ended"));
            replies.add(END_OF_OUTPUT);
        }
    }

    private void readStderr() {
        try (BufferedReader err = reader(process.getErrorStream())) {
            String line;
            while ((line = err.readLine()) != null) {
                keep(line);
                System.err.println("worker " + pid() + ": " + line);
            }
        } catch (IOException e) {
            // The pipe broke: the process is gone.
        }
    }

    private void keep(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES_KEPT) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line);
        }
    }

    private String describe(String what) {
        return (slot == NO_SLOT ? "standby worker" : "worker " + (slot + 1)) + " (pid " + pid() + ") " + what;
    }

    private String lastStderr() {
        List<String> tail = stderrTail();
        return tail.isEmpty() ? "; it wrote nothing to stderr"
                : "; its last stderr lines:\n  " + String.join("\n  ", tail);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
