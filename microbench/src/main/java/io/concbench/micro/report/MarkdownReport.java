package io.concbench.micro.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.AtomicFiles;
import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;
import io.concbench.report.MdTable;
import io.concbench.report.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Writes {@code summary.md} for one run: a header naming the JDK, the machine and the pinning, one
 * table of every JMH benchmark (score, error, unit, bytes allocated per operation when -prof gc
 * ran), the scheduler's extra columns when its profiler ran, and the sleepers experiment's table.
 * Prints the same Markdown to stdout.
 */
@Command(name = "micro-report", mixinStandardHelpOptions = true,
        description = "Render JMH JSON results and sleepers lines as one Markdown summary.")
public final class MarkdownReport implements Callable<Integer> {

    static final String ALLOC_NORM = "gc.alloc.rate.norm";
    static final String PINNED_LABEL = "pinned=cpu0";
    private static final String SCHEDULER_PROFILER_METRIC = "submitToStart.mean";
    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    @Parameters(paramLabel = "JMH_JSON", description = "JMH result files (-rf json) of the unpinned run")
    List<Path> jmh = new ArrayList<>();

    @Option(names = "--pinned", description = "JMH result file of the run under taskset -c 0; its rows are marked " + PINNED_LABEL)
    Path pinned;

    @Option(names = "--sleepers", description = "JSON lines written by io.concbench.micro.threads.Sleepers")
    Path sleepers;

    @Option(names = "--out", required = true, description = "the Markdown file to write")
    Path out;

    @Option(names = "--title", defaultValue = "concbench microbenchmarks", description = "first heading")
    String title;

    @Option(names = "--note", description = "a line for the header (repeatable): mode, pinning, settings")
    List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(Cli.execute(new CommandLine(new MarkdownReport()), args));
    }

    @Override
    public Integer call() throws IOException {
        List<JsonNode> main = new ArrayList<>();
        for (Path p : jmh) {
            main.addAll(readJmh(p));
        }
        List<JsonNode> pinnedRows = pinned == null ? List.of() : readJmh(pinned);
        List<JsonNode> sleeperLines = sleepers == null ? List.of() : readLines(sleepers);
        String md = render(title, notes, main, pinnedRows, sleeperLines, Machine.here());
        AtomicFiles.write(out, md);
        System.out.print(md);
        return 0;
    }

    static List<JsonNode> readJmh(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + " does not exist: the JMH run that should have written it failed; see its log");
        }
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " is not JMH JSON (an array of benchmark results); write it with -rf json");
        }
        List<JsonNode> rows = new ArrayList<>();
        root.forEach(rows::add);
        return rows;
    }

    static List<JsonNode> readLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(Json.MAPPER.readTree(line));
            }
        }
        return lines;
    }

    /** The whole Markdown document. Pure: the machine comes in as an argument so tests can fix it. */
    static String render(String title, List<String> notes, List<JsonNode> main, List<JsonNode> pinned,
                         List<JsonNode> sleepers, Machine machine) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        JsonNode first = !main.isEmpty() ? main.get(0) : !pinned.isEmpty() ? pinned.get(0) : null;
        md.append("- JDK: ").append(first == null ? Runtime.version() + " " + System.getProperty("java.vm.name")
                : text(first, "vmName") + " " + text(first, "vmVersion") + " (jdk " + text(first, "jdkVersion") + ")"
                + ", JMH " + text(first, "jmhVersion")).append('\n');
        md.append("- Machine: ").append(machine.describe()).append('\n');
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append('\n');

        if (!main.isEmpty() || !pinned.isEmpty()) {
            md.append("## JMH results\n\n");
            md.append("Scores are JMH's: mean over measurement iterations, error is the 99.9 % confidence half-width "
                    + "(n/a with a single iteration). alloc is gc.alloc.rate.norm from -prof gc.\n\n");
            MdTable table = new MdTable("benchmark", "params", ">threads", ">score", ">error", "unit", ">alloc B/op");
            for (JsonNode b : main) {
                row(table, b, false);
            }
            for (JsonNode b : pinned) {
                row(table, b, true);
            }
            md.append(table.render()).append('\n');
            schedulerTable(md, main);
        }
        if (!sleepers.isEmpty()) {
            sleepersTable(md, sleepers);
        }
        return md.toString();
    }

    private static void row(MdTable table, JsonNode b, boolean pinned) {
        JsonNode primary = b.path("primaryMetric");
        String params = params(b);
        if (pinned) {
            params = params.isEmpty() ? PINNED_LABEL : params + " " + PINNED_LABEL;
        }
        JsonNode alloc = b.path("secondaryMetrics").path(ALLOC_NORM);
        table.row(shortName(text(b, "benchmark")), params, Integer.toString(b.path("threads").asInt()),
                Units.figure(primary.path("score").asDouble()), error(primary.path("scoreError")),
                text(primary, "scoreUnit"), alloc.isMissingNode() ? "" : Units.figure(alloc.path("score").asDouble()));
    }

    private static void schedulerTable(StringBuilder md, List<JsonNode> main) {
        List<JsonNode> rows = main.stream()
                .filter(b -> b.path("secondaryMetrics").has(SCHEDULER_PROFILER_METRIC)).toList();
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Scheduler (T5): latency, deadline misses and context switches\n\n");
        md.append("From SchedulerProfiler: submit-to-start latency in µs; misses and switches per 1,000 tasks "
                + "(switches summed over every thread of the benchmark JVM).\n\n");
        MdTable table = new MdTable("benchmark", "params", ">tasks/s", ">mean µs", ">p99 µs", ">deadline misses",
                ">voluntary switches", ">nonvoluntary switches");
        for (JsonNode b : rows) {
            JsonNode s = b.path("secondaryMetrics");
            table.row(shortName(text(b, "benchmark")), params(b), Units.figure(b.path("primaryMetric").path("score").asDouble()),
                    secondary(s, "submitToStart.mean"), secondary(s, "submitToStart.p99"), secondary(s, "deadlineMisses"),
                    secondary(s, "switches.voluntary"), secondary(s, "switches.nonvoluntary"));
        }
        md.append(table.render()).append('\n');
    }

    private static void sleepersTable(StringBuilder md, List<JsonNode> lines) {
        md.append("## Sleepers (T2): N threads that each sleep 100 ms\n\n");
        md.append("Each variant in a fresh JVM. \"all at once\": workers wait until all N have started, then sleep, "
                + "so all N are alive together; \"as started\": each sleeps from its own start, as the chapter wrote it, "
                + "so slow starts overlap less (see peak live). RSS growth is peak sampled RSS minus RSS before the first "
                + "start; per live worker divides it by peak live. The chapter claims tens of MB for 10,000 goroutines.\n\n");
        MdTable table = new MdTable("kind", ">tasks", "mode", "outcome", ">started", ">start all ms", ">finish ms",
                ">peak live", ">RSS growth MB", ">per live worker KB", ">peak RSS MB", ">VmHWM MB", ">peak heap used MB");
        for (JsonNode s : lines) {
            boolean measured = s.has("peakRssBytes");
            long growth = s.path("peakRssBytes").asLong(-1) - s.path("rssBeforeBytes").asLong(0);
            int peakLive = s.path("peakLive").asInt(0);
            table.row(text(s, "kind"), Integer.toString(s.path("tasks").asInt()),
                    !s.has("allAtOnce") ? "" : s.path("allAtOnce").asBoolean() ? "all at once" : "as started",
                    text(s, "outcome"), optional(s, "started"),
                    s.has("startAllMillis") ? Units.figure(s.path("startAllMillis").asDouble()) : "",
                    s.has("elapsedMillis") ? Units.figure(s.path("elapsedMillis").asDouble()) : "",
                    optional(s, "peakLive"),
                    measured ? Units.figure(growth / MIB) : "",
                    measured && peakLive > 0 ? Units.figure(growth / KIB / peakLive) : "",
                    megabytes(s.path("peakRssBytes")), megabytes(s.path("vmHwmBytes")), megabytes(s.path("peakHeapUsedBytes")));
        }
        md.append(table.render()).append('\n');
    }

    private static String optional(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asText() : "";
    }

    /** {@code io.concbench.micro.sync.SyncPrimitives.TwoThreads.atomicLong} becomes {@code SyncPrimitives.TwoThreads.atomicLong}. */
    static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        int i = 0;
        while (i < parts.length - 1 && !parts[i].isEmpty() && Character.isLowerCase(parts[i].charAt(0))) {
            i++;
        }
        return String.join(".", Arrays.copyOfRange(parts, i, parts.length));
    }

    static String params(JsonNode b) {
        JsonNode params = b.path("params");
        List<String> kv = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            kv.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(" ", kv);
    }

    private static String secondary(JsonNode secondaries, String name) {
        JsonNode m = secondaries.path(name);
        return m.isMissingNode() ? "" : Units.figure(m.path("score").asDouble());
    }

    private static String error(JsonNode scoreError) {
        double e = scoreError.asDouble(Double.NaN);
        return scoreError.isMissingNode() || Double.isNaN(e) || "NaN".equals(scoreError.asText()) ? "n/a" : Units.figure(e);
    }

    private static String megabytes(JsonNode bytes) {
        return bytes.isMissingNode() || bytes.asLong(-1) < 0 ? "" : Units.figure(bytes.asLong() / MIB);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
