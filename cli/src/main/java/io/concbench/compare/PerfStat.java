package io.concbench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code perf stat -x, -I <ms> -e context-switches,cpu-migrations -p <pids>} over a server's process
 * tree: a second opinion on the switch counts, independent of the server (perf counts threads that
 * start and exit after it attached: 5,382 switches for 200 short threads started after attach). Perf
 * prints cumulative-by-interval counts, so the counts over the client's measured window (known only
 * when the client ends) are interpolated at its edges like the /proc samples. Not thread-safe.
 *
 * <p>Stopped with SIGINT, on which perf prints the last partial interval and exits.
 */
final class PerfStat {

    static final long INTERVAL_MILLIS = 100;
    static final String EVENTS = "context-switches,cpu-migrations";
    static final long STOP_GRACE_MILLIS = 5_000;

    /** One interval's counts, stamped with the wall clock at its end. */
    record Point(long epochMillis, long contextSwitches, long cpuMigrations) {}

    /** A line perf printed and when it was read. */
    record TimedLine(long readAtEpochMillis, String text) {}

    private final Process process;
    private final List<TimedLine> lines = new ArrayList<>();    // guarded by itself
    private final Thread pump;

    private PerfStat(Process process) {
        this.process = process;
        this.pump = Thread.ofPlatform().daemon().name("compare-perf-stderr").start(this::pumpStderr);
    }

    /** The perf binary on PATH, or empty. */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "perf");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts counting the threads of {@code pids} (and the threads they start from now on). */
    static PerfStat start(Path perf, List<Long> pids) throws IOException {
        List<String> cmd = List.of(perf.toString(), "stat", "-x,", "-I", Long.toString(INTERVAL_MILLIS), "-e", EVENTS,
                "-p", pids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new PerfStat(p);
    }

    /** Stops perf (SIGINT) and returns its cumulative counts; empty when perf could not count (not permitted, gone). */
    List<Point> stop() {
        try {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            }
            if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            pump.join(STOP_GRACE_MILLIS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return parse(lines);
        }
    }

    /** The last lines perf printed that were not counts (its error, when it could not count). */
    String complaint() {
        synchronized (lines) {
            return lines.stream().map(TimedLine::text).filter(l -> !l.contains(",context-switches,")
                    && !l.contains(",cpu-migrations,") && !l.startsWith("WARNING: Ignored open failure"))
                    .map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        }
    }

    private void pumpStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                TimedLine t = new TimedLine(System.currentTimeMillis(), line);
                synchronized (lines) {
                    lines.add(t);
                }
            }
        } catch (IOException ignored) {
            // perf is gone
        }
    }

    /**
     * Cumulative counts per interval from {@code time,count,unit,event,...} lines. Perf stamps each
     * interval with seconds since it began counting; the wall clock at that start is taken as the
     * earliest (read time - stamp) over the lines, the one read with the least delay. {@code <not counted>}
     * (no thread of the tree ran in that interval) counts 0. Empty when there is no count line or an
     * event is {@code <not supported>}.
     */
    static List<Point> parse(List<TimedLine> lines) {
        record Row(double seconds, long count, boolean switches) {}
        List<Row> rows = new ArrayList<>();
        long origin = Long.MAX_VALUE;
        for (TimedLine l : lines) {
            String[] f = l.text().strip().split(",", -1);
            if (f.length < 4 || !(f[3].equals("context-switches") || f[3].equals("cpu-migrations"))) {
                continue;
            }
            if (f[1].equals("<not supported>")) {
                return List.of();
            }
            double seconds;
            long count;
            try {
                seconds = Double.parseDouble(f[0]);
                count = f[1].equals("<not counted>") ? 0 : Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            rows.add(new Row(seconds, count, f[3].equals("context-switches")));
            origin = Math.min(origin, l.readAtEpochMillis() - Math.round(seconds * 1000));
        }
        List<Point> points = new ArrayList<>();
        if (rows.isEmpty()) {
            return points;
        }
        points.add(new Point(origin, 0, 0));
        long switches = 0;
        long migrations = 0;
        double at = rows.get(0).seconds();
        for (Row r : rows) {
            if (r.seconds() != at) {
                points.add(new Point(origin + Math.round(at * 1000), switches, migrations));
                at = r.seconds();
            }
            if (r.switches()) {
                switches += r.count();
            } else {
                migrations += r.count();
            }
        }
        points.add(new Point(origin + Math.round(at * 1000), switches, migrations));
        return points;
    }
}
