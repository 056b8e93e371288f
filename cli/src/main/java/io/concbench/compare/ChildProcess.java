package io.concbench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child to completion with a time limit, keeping its stdout and the tail of its stderr. */
final class ChildProcess {

    static final int STDERR_LINES_KEPT = 10;

    /**
     * @param exitCode the child's exit code; -1 when it was killed at the time limit
     * @param stdout everything it printed on stdout
     * @param stderr its last stderr lines
     */
    record Outcome(int exitCode, String stdout, List<String> stderr) {
        String stderrTail() {
            return stderr.isEmpty() ? "" : "; last stderr: " + String.join(" | ", stderr);
        }
    }

    private ChildProcess() {}

    static Outcome run(List<String> command, long limitMillis) throws IOException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread errPump = Thread.ofPlatform().daemon().name("compare-child-stderr").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (tail) {
                        if (tail.size() == STDERR_LINES_KEPT) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        StringBuilder stdout = new StringBuilder();
        Thread outPump = Thread.ofPlatform().daemon().name("compare-child-stdout").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stdout) {
                        stdout.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        try {
            int code;
            if (p.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                code = -1;
            }
            errPump.join(1000);
            outPump.join(1000);
            synchronized (tail) {
                synchronized (stdout) {
                    return new Outcome(code, stdout.toString(), List.copyOf(tail));
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran");
        }
    }
}
