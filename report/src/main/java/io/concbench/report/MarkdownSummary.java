package io.concbench.report;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.RunResult;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** summary.md: the machine, one table per load cell with models as rows, the memory table, the failures. */
final class MarkdownSummary {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String WARN = "⚠";
    /** JFR flags name a file per run; shown once, without the file, so the flag list stays one line. */
    private static final String JFR_FLAG = "-XX:StartFlightRecording";

    private MarkdownSummary() {}

    static String render(Matrix m) {
        StringBuilder b = new StringBuilder();
        b.append("# concbench results\n\n");
        header(b, m);
        b.append('\n');
        if (m.runs.isEmpty()) {
            b.append("No runs.\n");
            return b.toString();
        }
        if (!m.load.isEmpty()) {
            b.append("## Load\n\n");
            b.append("Medians over repeats; req/s and p99 also show (min–max) when repeats differ. "
                    + "Latency is corrected (measured from the intended send time) in open loop; in closed loop "
                    + "the client waits for each answer, so corrected = uncorrected and both understate "
                    + "what a waiting user sees (coordinated omission). CPU % is of one core: 200 = two cores busy."
                    + (m.load.values().stream().flatMap(c -> c.values().stream()).anyMatch(ModelRuns::machineMeasured)
                        ? " Outside CPU % is what the rest of the machine used during the window (all CPUs busy, "
                            + "steal included, less the server, the client and compare itself): above the threshold "
                            + "the run is " + WARN + " disturbed and its figures are suspect."
                        : "")
                    + "\n\n");
            Map<Matrix.SeriesKey, List<Matrix.LoadKey>> series = m.series();
            for (Matrix.LoadKey k : m.load.keySet()) {
                loadTable(b, m, k);
                List<Matrix.LoadKey> s = series.get(new Matrix.SeriesKey(k.workload(), k.target(), k.rate()));
                if (s.get(s.size() - 1).equals(k)) {
                    b.append("![req/s vs connections: ").append(k.workload()).append("](")
                            .append(Charts.DIR).append('/').append(Charts.throughputFile(m, k)).append(")\n\n");
                    b.append("![p99 vs connections: ").append(k.workload()).append("](")
                            .append(Charts.DIR).append('/').append(Charts.p99File(m, k)).append(")\n\n");
                }
            }
        }
        b.append(CrossCheck.render(m));
        if (!m.memory.isEmpty()) {
            memoryTable(b, m);
        }
        readyTable(b, m);
        if (!m.failed.isEmpty()) {
            failures(b, m);
        }
        return b.toString();
    }

    // ---- header -----------------------------------------------------------------------------------

    private static void header(StringBuilder b, Matrix m) {
        List<RunResult.RunEnvironment> envs = m.runs.stream().map(RunResult::environment).filter(Objects::nonNull).toList();
        item(b, "machine", distinct(envs, e -> e.host() == null ? null : machine(e.host())));
        item(b, "server JDK", distinct(envs, e -> e.serverJdk() == null ? null
                : e.serverJdk() + (e.serverJava() == null ? "" : " (" + e.serverJava() + ")")));
        item(b, "server JVM flags", distinct(envs, e -> flags(e.serverJvmFlags())));
        List<RunResult> driven = m.runs.stream().filter(r -> !Matrix.isCrossCheck(r)).toList();
        item(b, "client JVM", distinct(driven, r -> r.load() == null ? null : r.load().jvm()));
        item(b, "client JVM flags", distinct(envs, e -> flags(e.clientJvmFlags())));
        item(b, "pinning", distinct(envs, RunResult.RunEnvironment::pinningNote));
        String crossChecked = distinct(m.crossChecks, r -> r.environment().driver());
        item(b, "driver", distinct(driven, r -> r.environment() == null ? null : r.environment().driver())
                + (crossChecked.isEmpty() ? "" : " (cross-checked with " + crossChecked.replace(";", ",") + ")"));
        item(b, "date", dates(m.runs));
        long failed = m.failed.size();
        item(b, "runs", m.runs.size() + (failed == 0 ? "" : " (" + failed + " failed)"));
        item(b, "disturbed runs", disturbedCount(m));
    }

    /**
     * "1 of 12 (outside CPU above 10 % of a core)": how many measured runs something else on the machine
     * disturbed; null when no run has its outside CPU measured (runs from before it was).
     */
    private static String disturbedCount(Matrix m) {
        // Only runs whose outside CPU could be told: wrk and h2load do not report their own CPU.
        List<RunResult.MachineLoad> measured = m.runs.stream().filter(RunResult::ok)
                .map(r -> r.environment() == null ? null : r.environment().machineLoad())
                .filter(x -> x != null && x.outsideCpuPercentOfOneCore() != null).toList();
        if (measured.isEmpty()) {
            return null;
        }
        long disturbed = measured.stream().filter(RunResult.MachineLoad::disturbed).count();
        String thresholds = distinct(measured, x -> Units.count(x.disturbedAbovePercent()) + " %");
        return disturbed + " of " + measured.size() + " (outside CPU above " + thresholds + " of a core"
                + (disturbed == 0 ? ")" : "; " + WARN + " in the tables)");
    }

    private static void item(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append("- **").append(name).append("**: ").append(value).append('\n');
        }
    }

    /** Every distinct value in run order, joined: runs merged from several directories may differ. */
    private static <T> String distinct(List<T> items, Function<T, String> f) {
        Set<String> values = new LinkedHashSet<>();
        for (T t : items) {
            String v = f.apply(t);
            if (v != null && !v.isBlank()) {
                values.add(v);
            }
        }
        return String.join("; ", values);
    }

    private static String machine(HostInfo h) {
        List<String> parts = new ArrayList<>();
        parts.add(h.cpuModel());
        parts.add(h.cores() + " cores");
        if (h.kernel() != null) {
            parts.add("kernel " + h.kernel());
        }
        if (h.os() != null) {
            parts.add(h.os());
        }
        if (h.memTotalBytes() > 0) {
            parts.add(Units.bytes(h.memTotalBytes()) + " RAM");
        }
        return String.join(", ", parts);
    }

    private static String flags(List<String> flags) {
        if (flags == null || flags.isEmpty()) {
            return null;
        }
        return "`" + flags.stream().map(f -> f.startsWith(JFR_FLAG) ? JFR_FLAG + "=…" : f)
                .collect(Collectors.joining(" ")) + "`";
    }

    private static String dates(List<RunResult> runs) {
        List<Instant> t = runs.stream().map(Matrix::startOf).filter(i -> !i.equals(Instant.MAX)).sorted().toList();
        if (t.isEmpty()) {
            return null;
        }
        String first = MINUTE.format(t.get(0));
        String last = MINUTE.format(t.get(t.size() - 1));
        return first.equals(last) ? first : first + " – " + last;
    }

    // ---- load tables ------------------------------------------------------------------------------

    private static void loadTable(StringBuilder b, Matrix m, Matrix.LoadKey k) {
        b.append("### ").append(k.workload()).append(": `").append(k.target()).append("`, ")
                .append(Units.grouped(k.connections())).append(k.connections() == 1 ? " connection, " : " connections, ")
                .append(k.open() ? "open loop at " + Units.rate(k.rate()) + " req/s" : "closed loop").append("\n\n");
        // Runs from before the machine's load was measured keep their old table: no column of dashes.
        boolean outsideColumn = m.load.get(k).values().stream().anyMatch(ModelRuns::machineMeasured);
        List<String> columns = new ArrayList<>(List.of("model", ">req/s", ">p50", ">p99", ">p99.9", ">p99 uncorr.", ">errors",
                ">server CPU %", ">CPU-s / 1k req", ">ctx switches / req (vol / invol)", ">server RSS max",
                ">threads max", ">worker share % (min–max)", ">client CPU %"));
        if (outsideColumn) {
            columns.add(">outside CPU %");
        }
        columns.add(">runs");
        MdTable t = new MdTable(columns.toArray(String[]::new));
        boolean clientBound = false;
        boolean rateMissed = false;
        int clientCores = 0;
        for (ModelRuns c : m.load.get(k).values()) {
            if (c.ok.isEmpty()) {
                String[] row = new String[t.columns()];
                Arrays.fill(row, Units.NONE);
                row[0] = c.model;
                row[1] = "failed";
                row[row.length - 1] = runs(c);
                t.row(row);
                continue;
            }
            clientBound |= c.clientBound();
            rateMissed |= c.rateMissed();
            clientCores = Math.max(clientCores, c.clientCores());
            Stat workerMin = c.stat(Metric.WORKER_SHARE_MIN_PERCENT);
            Stat workerMax = c.stat(Metric.WORKER_SHARE_MAX_PERCENT);
            List<String> row = new ArrayList<>(List.of(c.model,
                    withRange(c.stat(Metric.REQUESTS_PER_SECOND), Units::count) + (c.rateMissed() ? " " + WARN : ""),
                    Units.nanos(c.stat(Metric.P50_NANOS).median()),
                    withRange(c.stat(Metric.P99_NANOS), Units::nanos),
                    Units.nanos(c.stat(Metric.P999_NANOS).median()),
                    Units.nanos(c.stat(Metric.P99_UNCORRECTED_NANOS).median()),
                    errors(c.errors()),
                    Units.percent(c.stat(Metric.SERVER_CPU_PERCENT).median()),
                    Units.ratio(c.stat(Metric.SERVER_CPU_SECONDS_PER_1K).median()),
                    switches(c),
                    Units.bytes(c.stat(Metric.SERVER_RSS_MAX_BYTES).max()),
                    Units.count(c.stat(Metric.SERVER_THREADS_MAX).max()),
                    workerMin.isEmpty() ? Units.NONE
                            : Units.percent(workerMin.median()) + "–" + Units.percent(workerMax.median()),
                    Units.percent(c.stat(Metric.CLIENT_CPU_PERCENT).median()) + (c.clientBound() ? " " + WARN + " client-bound" : "")));
            if (outsideColumn) {
                row.add(withRange(c.stat(Metric.OUTSIDE_CPU_PERCENT), Units::percent)
                        + (c.disturbed().isEmpty() ? "" : " " + WARN + " disturbed"));
            }
            row.add(runs(c));
            t.row(row.toArray(String[]::new));
        }
        b.append(t.render()).append('\n');
        if (clientBound) {
            b.append(WARN).append(" client-bound: the load generator used more than ")
                    .append(Units.count(ModelRuns.CLIENT_BOUND_PERCENT)).append(" % of its ")
                    .append(clientCores > 0 ? clientCores + " " : "").append(clientCores == 1 ? "core" : "cores")
                    .append(" in at least one repeat: its figures describe the client, not the server. "
                            + "Give the client more cores (--client-cpus) or use fewer connections.\n\n");
        }
        if (rateMissed) {
            b.append(WARN).append(" on req/s: the client sent noticeably fewer requests than the requested rate "
                    + "in at least one repeat (the rate was not held).\n\n");
        }
        b.append(Reading.of(m.load.get(k)));
        b.append("![latency by percentile: ").append(k.workload()).append(", ").append(k.connections())
                .append(" connections](").append(Charts.DIR).append('/').append(Charts.latencyFile(m, k)).append(")\n\n");
    }

    /**
     * "vol / invol", then perf's count beside it when perf ran, and "(live threads)" when the figures
     * come from /proc rather than the server's getrusage (an undercount under connection churn).
     */
    private static String switches(ModelRuns c) {
        String cell = Units.ratio(c.stat(Metric.VOLUNTARY_SWITCHES_PER_REQUEST).median()) + " / "
                + Units.ratio(c.stat(Metric.INVOLUNTARY_SWITCHES_PER_REQUEST).median());
        Stat perf = c.stat(Metric.PERF_CONTEXT_SWITCHES_PER_REQUEST);
        if (!perf.isEmpty()) {
            cell += " (perf " + Units.ratio(perf.median()) + ")";
        }
        boolean liveThreads = c.ok.stream().anyMatch(r -> r.server() != null
                && RunResult.ServerFigures.SWITCHES_LIVE_THREADS.equals(r.server().switchesSource()));
        return liveThreads ? cell + " (live threads)" : cell;
    }

    private static String withRange(Stat s, Function<Double, String> f) {
        if (s.isEmpty()) {
            return Units.NONE;
        }
        return f.apply(s.median()) + (s.spread() ? " (" + f.apply(s.min()) + "–" + f.apply(s.max()) + ")" : "");
    }

    private static String runs(ModelRuns c) {
        return c.failed.isEmpty() ? Integer.toString(c.ok.size())
                : c.ok.size() + " of " + c.runs() + " (" + c.failed.size() + " failed)";
    }

    /** The total, then only the classes that occurred. */
    static String errors(ErrorCounts e) {
        if (e.total() == 0) {
            return "0";
        }
        List<String> parts = new ArrayList<>();
        for (ErrorClass c : ErrorClass.values()) {
            if (e.get(c) != 0) {
                parts.add(c.label + " " + Units.count(e.get(c)));
            }
        }
        return Units.count(e.total()) + " (" + String.join(", ", parts) + ")";
    }

    // ---- memory -----------------------------------------------------------------------------------

    private static void memoryTable(StringBuilder b, Matrix m) {
        b.append("## Memory per idle connection\n\n");
        b.append("Each figure is (with N idle keep-alive connections − with none) / N. Heap is live data after GC; "
                + "RSS alone misleads on the JVM (a pre-touched heap hides allocations). NMT needs "
                + "-XX:NativeMemoryTracking=summary. Kernel socket memory is machine-wide and counts both ends "
                + "(client and server run on this machine).\n\n");
        MdTable t = new MdTable("model", ">connections (requested / held)", ">heap (B/conn)", ">RSS (B/conn)",
                ">NMT committed (B/conn)", ">NMT thread stacks (B/conn)", ">kernel sockets (B/conn)",
                ">baseline heap", ">baseline RSS", "note");
        boolean anyNoise = false;
        boolean anyShort = false;
        for (Map.Entry<Integer, Map<String, ModelRuns>> e : m.memory.entrySet()) {
            for (ModelRuns c : e.getValue().values()) {
                String requested = Units.grouped(e.getKey());
                if (c.ok.isEmpty()) {
                    t.row(c.model, requested + " / " + Units.NONE, "failed", Units.NONE, Units.NONE, Units.NONE,
                            Units.NONE, Units.NONE, Units.NONE, firstLine(c.failed.get(0).failure()));
                    continue;
                }
                Stat held = c.stat(Metric.HELD);
                // Fewer held than asked divides the same baseline wobble by fewer: say so beside each figure.
                String shortOf = held.min() < e.getKey()
                        ? " (held " + Units.grouped((long) held.min()) + " of " + requested + ")" : "";
                anyShort |= !shortOf.isEmpty();
                List<String> perConnection = new ArrayList<>();
                for (Metric metric : PER_CONNECTION) {
                    Stat value = c.stat(metric);
                    Stat band = c.stat(metric.noiseBand());
                    String cell = Units.bytesAgainstNoise(value.median(), band.max());
                    anyNoise |= !band.isEmpty() || cell.startsWith("≈");
                    perConnection.add(cell.equals(Units.NONE) ? cell : cell + shortOf);
                }
                t.row(c.model,
                        requested + " / " + Units.grouped((long) held.min()),
                        perConnection.get(0), perConnection.get(1), perConnection.get(2), perConnection.get(3),
                        perConnection.get(4),
                        Units.bytes(c.stat(Metric.BASELINE_HEAP_BYTES).median()),
                        Units.bytes(c.stat(Metric.BASELINE_RSS_BYTES).median()),
                        notes(c));
            }
        }
        b.append(t.render()).append('\n');
        if (anyNoise) {
            b.append("≈ 0 (±X): the total change lies within what the same state moved by itself between two "
                    + "readings back to back (X is that band per connection, at least the reading's resolution): "
                    + "no per-connection cost can be told from it. Holding connections cannot free what the server "
                    + "held, so a figure that fell reads ≈ 0 with the fall as its band.\n\n");
        }
        if (anyShort) {
            b.append("(held N of M): fewer connections were held than asked for; the figure and its band are "
                    + "divided by N, so the same wobble weighs M / N times more than it would at M.\n\n");
        }
        b.append("![memory per connection](").append(Charts.DIR).append('/').append(Charts.MEMORY_FILE).append(")\n\n");
    }

    /** The per-connection memory figures, in table order. */
    private static final List<Metric> PER_CONNECTION = List.of(Metric.HEAP_BYTES_PER_CONNECTION,
            Metric.RSS_BYTES_PER_CONNECTION, Metric.NMT_COMMITTED_BYTES_PER_CONNECTION,
            Metric.NMT_THREAD_STACK_BYTES_PER_CONNECTION, Metric.KERNEL_SOCKET_BYTES_PER_CONNECTION);

    private static String notes(ModelRuns c) {
        Set<String> n = new LinkedHashSet<>();
        for (RunResult r : c.ok) {
            if (r.memory() != null && r.memory().note() != null && !r.memory().note().isBlank()) {
                n.add(r.memory().note());
            }
        }
        if (!c.failed.isEmpty()) {
            n.add(c.failed.size() + " of " + c.runs() + " runs failed");
        }
        return String.join("; ", n);
    }

    // ---- failures ---------------------------------------------------------------------------------

    /** Each model's time from JVM start to READY over all its runs: what a restart or a scale-out waits for. */
    private static void readyTable(StringBuilder b, Matrix m) {
        Map<String, List<Double>> byModel = new LinkedHashMap<>();
        for (RunResult r : m.runs) {
            if (r.serverReadyMillis() != null && !r.environment().crossCheck()) {
                byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.serverReadyMillis().doubleValue());
            }
        }
        if (byModel.isEmpty()) {
            return;
        }
        b.append("## Time to READY\n\n");
        b.append("From starting the server's JVM to its READY line: JVM start, class loading and the model's own start "
                + "(multiprocess: until every worker is ready). Each run starts a fresh server, so every run is a sample; "
                + "the machine's other work during start-up is not excluded.\n\n");
        MdTable t = new MdTable("model", ">runs", ">median", ">min–max");
        byModel.forEach((model, ms) -> {
            Stat s = Stat.of(ms.stream().mapToDouble(Double::doubleValue));
            t.row(List.of(model, Integer.toString(ms.size()), Units.millis(s.median()),
                    Units.millis(s.min()) + " – " + Units.millis(s.max())));
        });
        b.append(t.render()).append('\n');
    }

    private static void failures(StringBuilder b, Matrix m) {
        b.append("## Failed runs\n\n");
        for (RunResult r : m.failed) {
            b.append("- `").append(r.model()).append("` ").append(r.workload()).append(", ")
                    .append(Units.grouped(r.connections())).append(" connections")
                    .append(r.rate() > 0 ? ", " + Units.rate(r.rate()) + " req/s" : "")
                    .append(", repeat ").append(r.repeat()).append(": ").append(firstLine(r.failure())).append('\n');
            List<String> rest = r.failure() == null ? List.of() : r.failure().lines().skip(1).filter(l -> !l.isBlank()).toList();
            if (!rest.isEmpty()) {
                b.append('\n');
                for (String l : rest) {
                    b.append("      ").append(l).append('\n');   // an indented code block inside the list item
                }
                b.append('\n');
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "no reason recorded";
        }
        return s.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
    }
}
