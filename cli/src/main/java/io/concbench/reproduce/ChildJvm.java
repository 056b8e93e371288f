package io.concbench.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Child JVMs for the JMH runs and the sleepers experiment: the java running reproduce, output into
 * a log beside the results, a time limit after which the child and its descendants (JMH forks) are
 * killed.
 */
final class ChildJvm {

    /** How often a long child reports progress. */
    static final long PROGRESS_INTERVAL_MILLIS = 30_000;
    static final int TAIL_LINES = 5;
    /** Exit code reported for a child killed at its time limit. */
    static final int KILLED = -1;

    private ChildJvm() {}

    /** The java binary running this JVM. */
    static Path java() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** taskset from PATH, or null. */
    static Path taskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "taskset");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Runs {@code command} with stdout and stderr appended to {@code log}; calls {@code progress}
     * about every {@link #PROGRESS_INTERVAL_MILLIS} while it runs. Returns the exit code, or
     * {@link #KILLED} when the time limit ran out.
     */
    static int run(List<String> command, Path log, long limitMillis, Consumer<Long> progress) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return await(p, limitMillis, progress);
    }

    /** Runs {@code command} and returns its stdout; stderr is appended to {@code log}. */
    static Outcome capture(List<String> command, Path log, long limitMillis) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(log.toAbsolutePath().getParent(), ".child", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            int code = await(p, limitMillis, elapsed -> { });
            return new Outcome(code, Files.readString(stdout));
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** @param exitCode the child's exit code, {@link #KILLED} at the time limit; @param stdout what it printed */
    record Outcome(int exitCode, String stdout) {}

    private static int await(Process p, long limitMillis, Consumer<Long> progress) throws InterruptedException {
        long start = System.nanoTime();
        try {
            while (true) {
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long left = limitMillis - elapsed;
                if (left <= 0) {
                    kill(p);
                    return KILLED;
                }
                if (p.waitFor(Math.min(left, PROGRESS_INTERVAL_MILLIS), TimeUnit.MILLISECONDS)) {
                    return p.exitValue();
                }
                progress.accept(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
    }

    /** The last lines of a log, joined for a one-line failure reason. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A command line as a user would type it into a POSIX shell. */
    static String shell(List<String> command) {
        return command.stream().map(ChildJvm::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (arg.isEmpty()) {
            return "''";
        }
        return arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** {@code [taskset -c cpus] java args...}. */
    static List<String> command(Path taskset, String cpus, Path java, List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (taskset != null && cpus != null) {
            cmd.add(taskset.toString());
            cmd.add("-c");
            cmd.add(cpus);
        }
        cmd.add(java.toString());
        cmd.addAll(args);
        return cmd;
    }
}
