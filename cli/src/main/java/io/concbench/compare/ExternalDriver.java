package io.concbench.compare;


import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a run with an installed wrk or h2load instead of the built-in client, as a cross-check of
 * our own numbers. Their output carries fewer figures and no histogram (so the latency chart shows
 * their printed percentiles as points, not a spectrum). What each prints, and so what is filled;
 * the rest is null, never 0:
 * <ul>
 *   <li>wrk 4.1 with {@code --latency}: "Latency Avg Stdev Max" (over all threads' requests) and the
 *       distribution at 50, 75, 90 and 99 % → mean, p50, p90, p99, max (p75 has no field). No min,
 *       no p99.9.</li>
 *   <li>h2load (nghttp2 1.52): "time for request: min max mean sd" and no percentile → min, mean,
 *       max.</li>
 * </ul>
 * Both are closed-loop tools: with --rate they refuse (wrk2 would be the open-loop one).
 */
final class ExternalDriver {

    private final String tool;
    private final Path binary;

    private ExternalDriver(String tool, Path binary) {
        this.tool = tool;
        this.binary = binary;
    }

    /** The tool on PATH, or an IllegalArgumentException saying how to install it. */
    static ExternalDriver find(String tool) {
        return onPath(tool, System.getenv().getOrDefault("PATH", "/usr/bin:/bin")).orElseThrow(() ->
                new IllegalArgumentException("--driver " + tool + ": " + tool + " is not on PATH; install it ("
                        + installHint(tool) + ") or use --driver builtin"));
    }

    /** The tool in one of the directories of {@code path} (a PATH value), or empty. */
    static java.util.Optional<ExternalDriver> onPath(String tool, String path) {
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(new ExternalDriver(tool, p));
            }
        }
        return java.util.Optional.empty();
    }

    /** How to install the tool on Debian: h2load comes in nghttp2-client. */
    static String installHint(String tool) {
        return "apt-get install " + (tool.equals("h2load") ? "nghttp2-client" : tool);
    }

    String tool() {
        return tool;
    }

    LoadResult drive(Launcher launcher, String url, int connections, CompareOptions o) throws IOException {
        if (o.rate() > 0) {
            throw new IOException("--driver " + tool + " is closed-loop only; drop --rate or use --driver builtin");
        }
        long seconds = o.duration().toSeconds();
        long warmup = o.warmup().toSeconds();
        long limit = (seconds + warmup) * 1000 + CompareRunner.CLIENT_SLACK_MILLIS;
        if (tool.equals("wrk")) {
            if (warmup > 0) {
                ChildProcess.run(pinned(launcher, o, List.of(binary.toString(), "-t1", "-c" + connections, "-d" + warmup + "s", url)), limit);
            }
            long start = System.currentTimeMillis();
            ChildProcess.Outcome out = ChildProcess.run(pinned(launcher, o,
                    List.of(binary.toString(), "-t" + o.clientThreads(), "-c" + connections, "-d" + seconds + "s", "--latency", url)), limit);
            if (out.exitCode() != 0) {
                throw new IOException("wrk exited with code " + out.exitCode() + out.stderrTail());
            }
            return parseWrk(out.stdout(), url, connections, o.clientThreads(), start, seconds);
        }
        long start = System.currentTimeMillis() + warmup * 1000;
        ChildProcess.Outcome out = ChildProcess.run(pinned(launcher, o, List.of(binary.toString(), "--h1",
                "-c", Integer.toString(connections), "-t", Integer.toString(o.clientThreads()),
                "-D", Long.toString(seconds), "--warm-up-time=" + warmup, url)), limit);
        if (out.exitCode() != 0) {
            throw new IOException("h2load exited with code " + out.exitCode() + out.stderrTail());
        }
        return parseH2load(out.stdout(), url, connections, o.clientThreads(), start, seconds);
    }

    private static List<String> pinned(Launcher launcher, CompareOptions o, List<String> cmd) {
        List<String> full = new ArrayList<>();
        if (launcher.canPin() && !o.clientCpus().isEmpty()) {
            full.addAll(List.of(launcher.taskset().toString(), "-c", o.clientCpus()));
        }
        full.addAll(cmd);
        return full;
    }

    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s*(50|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern WRK_REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern WRK_RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern WRK_SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern WRK_NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    /** "Latency   3.60ms    5.42ms  34.67ms   88.67%": avg, stdev, max; the first "Latency" line (Thread Stats). */
    private static final Pattern WRK_LATENCY = Pattern.compile("Latency\\s+([\\d.]+)(us|ms|s|m|h)\\s+([\\d.]+)(us|ms|s|m|h)\\s+([\\d.]+)(us|ms|s|m|h)");
    /** "1000 requests in 1.01s, 3.99MB read": wrk rounds to three digits in binary units. */
    private static final Pattern WRK_READ = Pattern.compile("requests in [\\d.]+\\w+, ([\\d.]+)([KMGT]?B) read");

    static LoadResult parseWrk(String text, String url, int connections, int threads, long startMillis, long seconds) throws IOException {
        Matcher rps = WRK_RPS.matcher(text);
        Matcher req = WRK_REQUESTS.matcher(text);
        if (!rps.find() || !req.find()) {
            throw new IOException("could not read wrk's output: " + text.lines().limit(3).toList());
        }
        Long p50 = null;
        Long p90 = null;
        Long p99 = null;
        Matcher p = WRK_PERCENTILE.matcher(text);
        while (p.find()) {
            long v = nanos(p.group(2), p.group(3));
            switch (p.group(1)) {
                case "50" -> p50 = v;
                case "90" -> p90 = v;
                default -> p99 = v;
            }
        }
        Double mean = null;
        Long max = null;
        Matcher lat = WRK_LATENCY.matcher(text);
        if (lat.find()) {
            mean = (double) nanos(lat.group(1), lat.group(2));
            max = nanos(lat.group(5), lat.group(6));
        }
        Matcher read = WRK_READ.matcher(text);
        long bytesRead = read.find() ? bytes(read.group(1), read.group(2)) : 0;
        ErrorCounts errors = ErrorCounts.NONE;
        Matcher s = WRK_SOCKET.matcher(text);
        if (s.find()) {
            errors = errors.plus(ErrorClass.CONNECT, Long.parseLong(s.group(1)))
                    .plus(ErrorClass.READ, Long.parseLong(s.group(2)))
                    .plus(ErrorClass.WRITE, Long.parseLong(s.group(3)))
                    .plus(ErrorClass.TIMEOUT, Long.parseLong(s.group(4)));
        }
        Matcher bad = WRK_NON2XX.matcher(text);
        if (bad.find()) {
            errors = errors.plus(ErrorClass.OTHER_STATUS, Long.parseLong(bad.group(1)));
        }
        long requests = Long.parseLong(req.group(1));
        LatencySummary latency = new LatencySummary(requests, null, mean, p50, p90, p99, null, null, max, null);
        // wrk prints what completed, not what it sent or left in flight: those stay absent (null), never made up.
        return new LoadResult("wrk", url, LoadResult.CLOSED, connections, threads, 1, 0, 0, seconds * 1_000_000_000L,
                requests, Double.parseDouble(rps.group(1)), null, null, null, true, null,
                bytesRead, latency, latency, errors, null, "wrk", startMillis);
    }

    private static final Pattern H2_FINISHED = Pattern.compile("finished in ([\\d.]+)s, ([\\d.]+) req/s");
    private static final Pattern H2_REQUESTS = Pattern.compile("requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern H2_STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
    private static final Pattern H2_TRAFFIC = Pattern.compile("traffic: [\\d.]+\\w*B \\((\\d+)\\) total");
    /** "time for request:  369us  25.37ms  2.02ms  1.78ms  91.89%": min, max, mean, sd; no percentile. */
    private static final Pattern H2_TIME = Pattern.compile("time for request:\\s+([\\d.]+)(us|ms|s)\\s+([\\d.]+)(us|ms|s)\\s+([\\d.]+)(us|ms|s)");

    static LoadResult parseH2load(String text, String url, int connections, int threads, long startMillis, long seconds) throws IOException {
        Matcher fin = H2_FINISHED.matcher(text);
        Matcher req = H2_REQUESTS.matcher(text);
        if (!fin.find() || !req.find()) {
            throw new IOException("could not read h2load's output: " + text.lines().limit(3).toList());
        }
        long done = Long.parseLong(req.group(3));
        ErrorCounts errors = ErrorCounts.NONE.plus(ErrorClass.READ, Long.parseLong(req.group(6)))
                .plus(ErrorClass.TIMEOUT, Long.parseLong(req.group(7)));
        Matcher st = H2_STATUS.matcher(text);
        if (st.find()) {
            errors = errors.plus(ErrorClass.STATUS_4XX, Long.parseLong(st.group(3)))
                    .plus(ErrorClass.STATUS_5XX, Long.parseLong(st.group(4)))
                    .plus(ErrorClass.OTHER_STATUS, Long.parseLong(st.group(2)));
        }
        Matcher t = H2_TIME.matcher(text);
        Long min = null;
        Long max = null;
        Double mean = null;
        if (t.find() && done > 0) {
            min = nanos(t.group(1), t.group(2));
            max = nanos(t.group(3), t.group(4));
            mean = (double) nanos(t.group(5), t.group(6));
        }
        Matcher traffic = H2_TRAFFIC.matcher(text);
        long bytesRead = traffic.find() ? Long.parseLong(traffic.group(1)) : 0;
        long started = Long.parseLong(req.group(2));
        LatencySummary latency = new LatencySummary(done, min, mean, null, null, null, null, null, max, null);
        double rps = Double.parseDouble(fin.group(2));
        return new LoadResult("h2load", url, LoadResult.CLOSED, connections, threads, 1, 0, 0, seconds * 1_000_000_000L,
                done, rps, started, rps, started, true, Math.max(0, started - done), bytesRead, latency, latency, errors,
                null, "h2load", startMillis);
    }

    private static long nanos(String value, String unit) {
        double v = Double.parseDouble(value);
        return Math.round(switch (unit) {
            case "us" -> v * 1e3;
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            case "h" -> v * 3600e9;
            default -> v * 60e9;
        });
    }

    /** wrk's "3.99MB": binary units (its format_binary divides by 1024). */
    private static long bytes(String value, String unit) {
        int power = "BKMGT".indexOf(unit.charAt(0));
        return Math.round(Double.parseDouble(value) * Math.pow(1024, Math.max(0, power)));
    }

}
