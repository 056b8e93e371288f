package io.concbench.reproduce;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;
import io.concbench.micro.hazards.Hazards;
import io.concbench.report.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What a reproduce run's experiments wrote, read back from its directory: the only way a judge
 * gets a figure. A figure that is not there throws {@link NotMeasured} with a reason a reader can
 * act on (the experiment's failure, or which file lacks which field). Not thread-safe.
 */
final class Evidence {

    static final String JFR_FILE = "jfr-recordings.json";
    private static final String RUN_SCHEMA_PREFIX = "concbench.run/";
    private static final ObjectReader RUN_READER = Json.MAPPER.readerFor(RunResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader HAZARDS_READER = Json.MAPPER.readerFor(Hazards.Result.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final Manifest manifest;
    private final Map<String, List<RunFile>> runs = new HashMap<>();
    private final Map<String, JsonNode> trees = new HashMap<>();

    Evidence(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    Manifest manifest() {
        return manifest;
    }

    /** The machine's cores, as the run recorded them. */
    int cores() {
        return manifest.host().cores();
    }

    /** The record of a successful experiment; otherwise NotMeasured saying why. */
    Manifest.ExperimentRecord ok(String id) {
        Manifest.ExperimentRecord r = manifest.experiments().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotMeasured.NotRun(id));
        if (!r.ok()) {
            throw new NotMeasured(id + " failed: " + r.failure());
        }
        return r;
    }

    // ---- compare runs -------------------------------------------------------------------------------

    /** A run result and its file, relative to the run directory. */
    record RunFile(String file, RunResult run) {}

    /** What compare measured, and how to show it; {@code path} names the JSON field(s) for the source. */
    enum RunMetric {
        QPS("load.requestsPerSecond", r -> r.load().requestsPerSecond(), v -> Units.count(v) + " req/s"),
        MEAN_LATENCY("load.latency.meanNanos", r -> r.load().latency().meanNanos(), Units::nanos),
        P99_LATENCY("load.latency.p99Nanos", r -> r.load().latency().p99Nanos(), Units::nanos),
        WINDOW("load.durationNanos", r -> r.load().durationNanos(), Units::nanos),
        SERVER_CPU("server.cpuPercentOfOneCore ÷ environment.host.cores",
                r -> r.server().cpuPercentOfOneCore() / r.environment().host().cores(), Units::percentWithSign),
        CLIENT_CPU("load.clientCpu.percentOfOneCore ÷ environment.host.cores",
                r -> r.load().clientCpu().percentOfOneCore() / r.environment().host().cores(), Units::percentWithSign),
        PROCESSES("server.processes", r -> r.server().processes(), v -> Units.grouped((long) v)),
        WORKERS_ANSWERED("serverStats.counters.workersAnswered",
                r -> r.serverStats().counters().get("workersAnswered"), v -> Units.grouped((long) v)),
        RSS_TOTAL("memory.loaded.rssBytes", r -> r.memory().loaded().rssBytes(), Units::mib),
        HEAP_TOTAL("memory.loaded.heapUsedBytes", r -> r.memory().loaded().heapUsedBytes(), Units::mib),
        BASELINE_RSS("memory.baseline.rssBytes", r -> r.memory().baseline().rssBytes(), Units::mib),
        RSS_PER_CONNECTION("memory.rssBytesPerConnection", r -> r.memory().rssBytesPerConnection(), Units::bytes),
        HEAP_PER_CONNECTION("memory.heapBytesPerConnection", r -> r.memory().heapBytesPerConnection(), Units::bytes),
        NMT_PER_CONNECTION("memory.nmtCommittedBytesPerConnection", r -> r.memory().nmtCommittedBytesPerConnection(), Units::bytes),
        STACK_PER_CONNECTION("memory.nmtThreadStackBytesPerConnection",
                r -> r.memory().nmtThreadStackBytesPerConnection(), Units::bytes),
        HELD("memory.held", r -> r.memory().held(), v -> Units.grouped((long) v)),
        THREADS_LOADED("memory.loaded.threads", r -> r.memory().loaded().threads(), v -> Units.grouped((long) v));

        final String path;
        private final ToDoubleFunction<RunResult> value;
        final DoubleFunction<String> format;

        RunMetric(String path, ToDoubleFunction<RunResult> value, DoubleFunction<String> format) {
            this.path = path;
            this.value = value;
            this.format = format;
        }
    }

    /** The successful runs of (model, workload, connections) in an experiment's directory, in file order. */
    List<RunFile> runs(String experiment, String model, String workload, int connections) {
        List<RunFile> all = runs.computeIfAbsent(experiment, this::readRuns);
        List<RunFile> matching = all.stream().filter(f -> f.run().model().equals(model) && f.run().workload().equals(workload)
                && f.run().connections() == connections).toList();
        List<RunFile> ok = matching.stream().filter(f -> f.run().ok()).toList();
        if (ok.isEmpty()) {
            throw new NotMeasured(matching.isEmpty()
                    ? "no " + model + " " + workload + " run at " + connections + " connections in " + experiment + "/"
                    : model + " " + workload + " at " + connections + " failed: " + matching.get(0).run().failure());
        }
        return ok;
    }

    /** One figure of a compare run; the median when there are repeats. */
    Measured run(String experiment, String model, String workload, int connections, RunMetric metric) {
        List<RunFile> files = runs(experiment, model, workload, connections);
        double[] values = new double[files.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = metric.value.applyAsDouble(files.get(i).run());
            } catch (NullPointerException e) {
                throw new NotMeasured(files.get(i).file() + " has no " + metric.path);
            }
        }
        double v = median(values);
        double lo = Arrays.stream(values).min().orElse(v);
        double hi = Arrays.stream(values).max().orElse(v);
        String source = String.join(", ", files.stream().map(RunFile::file).toList()) + " → " + metric.path
                + (values.length > 1 ? " (median of " + values.length + ", interval min–max)" : "");
        String range = lo < hi ? " (" + metric.format.apply(lo) + "–" + metric.format.apply(hi) + ")" : "";
        return new Measured(v, lo, hi, metric.format.apply(v) + range, source);
    }

    private List<RunFile> readRuns(String experiment) {
        ok(experiment);
        Path d = dir.resolve(experiment);
        List<RunFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = Json.MAPPER.readTree(f.toFile());
                if (node != null && node.path("schema").asText("").startsWith(RUN_SCHEMA_PREFIX)) {
                    out.add(new RunFile(dir.relativize(f).toString(), RUN_READER.readValue(node)));
                }
            }
        } catch (IOException e) {
            throw new NotMeasured("cannot read " + experiment + "/: " + e.getMessage());
        }
        return out;
    }

    /**
     * The machine's noise over every compare run of this run: how many recorded the outside CPU, how
     * many were flagged disturbed, and the highest outside CPU. Runs written before compare recorded
     * it count as not recorded.
     */
    record Noise(int runs, int recorded, int disturbed, double maxOutsidePercentOfOneCore) {}

    Noise noise() {
        int runsSeen = 0;
        int recorded = 0;
        int disturbed = 0;
        double max = 0;
        for (Manifest.ExperimentRecord r : manifest.experiments()) {
            if (!r.ok() || !Files.isDirectory(dir.resolve(r.id()))) {
                continue;
            }
            for (RunFile f : allRunsUnder(dir.resolve(r.id()))) {
                runsSeen++;
                RunResult.MachineLoad load = f.run().environment() == null ? null : f.run().environment().machineLoad();
                if (load != null && load.outsideCpuPercentOfOneCore() != null) {
                    recorded++;
                    max = Math.max(max, load.outsideCpuPercentOfOneCore());
                    disturbed += load.disturbed() ? 1 : 0;
                }
            }
        }
        return new Noise(runsSeen, recorded, disturbed, max);
    }

    /** Every compare run file under {@code d}, subdirectories included (T12's rounds); unreadable ones are skipped. */
    private List<RunFile> allRunsUnder(Path d) {
        List<RunFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(d)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode node = Json.MAPPER.readTree(f.toFile());
                    if (node != null && node.path("schema").asText("").startsWith(RUN_SCHEMA_PREFIX)) {
                        out.add(new RunFile(dir.relativize(f).toString(), RUN_READER.readValue(node)));
                    }
                } catch (IOException unreadable) {
                    // the judges that need this file say so; the noise count leaves it out
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    // ---- JMH ----------------------------------------------------------------------------------------

    /**
     * A JMH score: the primary metric, or a secondary one such as {@code gc.alloc.rate.norm}.
     *
     * @param benchmark the end of the benchmark's name, e.g. {@code ContextSwitch.pingPong}
     * @param metric null for the primary metric
     * @param params {@code name=value} pairs the result must have
     */
    Measured jmh(String experiment, String benchmark, String metric, String... params) {
        JsonNode results = tree(experiment, experiment + ".json");
        for (JsonNode b : results) {
            if (!b.path("benchmark").asText().endsWith("." + benchmark) || !hasParams(b.path("params"), params)) {
                continue;
            }
            JsonNode m = metric == null ? b.path("primaryMetric") : b.path("secondaryMetrics").path(metric);
            if (m.isMissingNode() || !m.path("score").isNumber()) {
                throw new NotMeasured(experiment + ".json: " + benchmark + " " + String.join(" ", params) + " has no "
                        + (metric == null ? "primary metric" : metric));
            }
            double score = m.path("score").asDouble();
            String unit = m.path("scoreUnit").asText("");
            String source = experiment + ".json: " + benchmark + (params.length == 0 ? "" : " [" + String.join(", ", params) + "]")
                    + " → " + (metric == null ? "primaryMetric" : "secondaryMetrics." + metric) + ".score (" + unit + ")";
            JsonNode ci = m.path("scoreConfidence");
            double lo = ci.path(0).asDouble(score);
            double hi = ci.path(1).asDouble(score);
            if (!(lo <= score && score <= hi) || Double.isNaN(lo) || Double.isNaN(hi)) {
                lo = score;   // one fork and one iteration: JMH reports no error
                hi = score;
            }
            if (score >= 0 && lo < 0) {
                lo = 0;       // times, rates and bytes are not negative: an error wider than the score reaches zero
            }
            String text = jmhText(score, unit) + (lo < hi ? " ± " + jmhText((hi - lo) / 2, unit) : "");
            return new Measured(score, lo, hi, text, source + (lo < hi ? " ± scoreError" : ""));
        }
        throw new NotMeasured(experiment + ".json has no result for " + benchmark
                + (params.length == 0 ? "" : " " + String.join(" ", params)) + " (see " + experiment + ".log)");
    }

    private static boolean hasParams(JsonNode node, String... params) {
        for (String p : params) {
            int eq = p.indexOf('=');
            if (!node.path(p.substring(0, eq)).asText("\u0000").equals(p.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    static String jmhText(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> Units.nanos(score);
            case "us" -> Units.micros(score);
            case "ops/s" -> Units.count(score) + " ops/s";
            case "B/op" -> Units.bytes(score) + "/op";
            case "#/1k tasks" -> Units.sig3(score) + " per 1k tasks";
            default -> Units.sig3(score) + " " + unit;
        };
    }

    // ---- sleepers -----------------------------------------------------------------------------------

    /** What a sleepers run printed, from io.concbench.micro.threads.Sleepers. */
    enum SleeperMetric {
        RSS_GROWTH("result.peakRssBytes − result.rssBeforeBytes",
                r -> r.path("peakRssBytes").asDouble() - r.path("rssBeforeBytes").asDouble(), Units::mib),
        PER_WORKER("(result.peakRssBytes − result.rssBeforeBytes) ÷ result.peakLive",
                r -> (r.path("peakRssBytes").asDouble() - r.path("rssBeforeBytes").asDouble()) / r.path("peakLive").asDouble(),
                v -> Units.bytes(v) + " per live worker"),
        HEAP_GROWTH("result.peakHeapUsedBytes − result.heapBeforeBytes",
                r -> r.path("peakHeapUsedBytes").asDouble() - r.path("heapBeforeBytes").asDouble(), Units::mib),
        PEAK_RSS("result.peakRssBytes", r -> r.path("peakRssBytes").asDouble(), Units::mib),
        STARTED("result.started", r -> r.path("started").asDouble(), v -> Units.grouped((long) v)),
        PEAK_LIVE("result.peakLive", r -> r.path("peakLive").asDouble(), v -> Units.grouped((long) v)),
        START_ALL("result.startAllMillis", r -> r.path("startAllMillis").asDouble(), Units::millis);

        final String path;
        private final ToDoubleFunction<JsonNode> value;
        final DoubleFunction<String> format;

        SleeperMetric(String path, ToDoubleFunction<JsonNode> value, DoubleFunction<String> format) {
            this.path = path;
            this.value = value;
            this.format = format;
        }
    }

    /** The JSON line a sleepers run printed. */
    JsonNode sleeper(SleeperVariant v) {
        JsonNode root = tree(Experiments.SLEEPERS, Experiments.SLEEPERS + ".json");
        for (JsonNode n : root.path("variants")) {
            if (n.path("kind").asText().equals(v.kind()) && n.path("tasks").asInt() == v.tasks()
                    && n.path("allAtOnce").asBoolean() == v.allAtOnce()) {
                if (!n.path("ok").asBoolean()) {
                    throw new NotMeasured("sleepers " + v.label() + " failed: " + n.path("failure").asText());
                }
                return n.path("result");
            }
        }
        throw new NotMeasured("sleepers " + v.label() + " was not run in this mode");
    }

    /** The sleepers runs this run made, in run order (failed ones included). */
    List<SleeperVariant> sleeperVariants() {
        List<SleeperVariant> out = new ArrayList<>();
        for (JsonNode n : tree(Experiments.SLEEPERS, Experiments.SLEEPERS + ".json").path("variants")) {
            out.add(new SleeperVariant(n.path("kind").asText(), n.path("tasks").asInt(), n.path("allAtOnce").asBoolean()));
        }
        return out;
    }

    Measured sleeper(SleeperVariant v, SleeperMetric m) {
        JsonNode r = sleeper(v);
        for (String field : List.of("peakRssBytes", "rssBeforeBytes", "started", "peakLive")) {
            if (!r.path(field).isNumber()) {
                throw new NotMeasured("sleepers.json: " + v.label() + " has no result." + field);
            }
        }
        double value = m.value.applyAsDouble(r);
        return new Measured(value, m.format.apply(value), "sleepers.json: " + v.label() + " → " + m.path);
    }

    // ---- T7 and T13 ---------------------------------------------------------------------------------

    Hazards.Result hazards() {
        JsonNode node = tree(Experiments.HAZARDS, Experiments.HAZARDS + ".json");
        try {
            return HAZARDS_READER.readValue(node);
        } catch (IOException e) {
            throw new NotMeasured(Experiments.HAZARDS + ".json does not parse: " + e.getMessage());
        }
    }

    /** The JFR recordings each T13 model left, by model spec: file names. */
    Map<String, List<String>> recordings() {
        JsonNode root = tree(Experiments.JFR, Experiments.JFR + "/" + JFR_FILE).path("recordings");
        Map<String, List<String>> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> files = new ArrayList<>();
            e.getValue().forEach(f -> files.add(f.path("file").asText()));
            out.put(e.getKey(), files);
        }
        return out;
    }

    private JsonNode tree(String experiment, String file) {
        ok(experiment);
        return trees.computeIfAbsent(file, f -> {
            Path p = dir.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new NotMeasured(f + " is missing although " + experiment + " succeeded");
            }
            try {
                return Json.MAPPER.readTree(p.toFile());
            } catch (IOException e) {
                throw new NotMeasured(f + " does not parse: " + e.getMessage());
            }
        });
    }

    // ---- per-run figures, T12 end to end, buffer reuse (T11), T6 by duration ---------------

    /** Benchmark names and secondary metrics {@link #bufferReuse} reads. */
    static final String BUFFER_FRESH = "fresh";
    static final String BUFFER_POOLED = "pooled";
    static final String BUFFER_OWNED = "owned";
    static final String ALLOC_NORM = "gc.alloc.rate.norm";
    static final String GC_COUNT = "gc.count";
    private static final String PLAINTEXT = "plaintext";
    private static final double MICROS_PER_CPU_SECOND_PER_1K = 1_000;

    /**
     * One figure of each successful run of (model, workload, connections), in repeat order: the
     * spread {@link #run} folds into a median, for a judge that forms an interval.
     */
    List<Measured> each(String experiment, String model, String workload, int connections, RunMetric metric) {
        List<RunFile> files = new ArrayList<>(runs(experiment, model, workload, connections));
        files.sort(java.util.Comparator.comparingInt(f -> f.run().repeat()));
        List<Measured> out = new ArrayList<>();
        for (RunFile f : files) {
            double v;
            try {
                v = metric.value.applyAsDouble(f.run());
            } catch (NullPointerException e) {
                throw new NotMeasured(f.file() + " has no " + metric.path);
            }
            out.add(new Measured(v, metric.format.apply(v), f.file() + " → " + metric.path));
        }
        return out;
    }

    /** T6 by duration ({@link Experiments#T6_TIMED}): each round's figure for one T6 model, e.g. its req/s. */
    List<Measured> t6TimedRounds(String model, RunMetric metric) {
        return each(Experiments.T6_TIMED, model, PLAINTEXT, Experiments.T6_CONNECTIONS, metric);
    }

    /** What one T12 end-to-end run measured: the client's view and the server's CPU per request. */
    enum EndToEndMetric {
        QPS("load.requestsPerSecond", r -> r.load().requestsPerSecond(), v -> Units.count(v) + " req/s"),
        P50_LATENCY("load.latency.p50Nanos", r -> r.load().latency().p50Nanos(), Units::nanos),
        MEAN_LATENCY("load.latency.meanNanos", r -> r.load().latency().meanNanos(), Units::nanos),
        SERVER_CPU_PER_REQUEST("server.cpuSecondsPer1kRequests × 1,000 (µs per request)",
                r -> r.server().cpuSecondsPer1kRequests() * MICROS_PER_CPU_SECOND_PER_1K, v -> Units.micros(v) + " of server CPU per request");

        final String path;
        private final ToDoubleFunction<RunResult> value;
        final DoubleFunction<String> format;

        EndToEndMetric(String path, ToDoubleFunction<RunResult> value, DoubleFunction<String> format) {
            this.path = path;
            this.value = value;
            this.format = format;
        }

        Measured of(RunFile f) {
            double v;
            try {
                v = value.applyAsDouble(f.run());
            } catch (NullPointerException e) {
                throw new NotMeasured(f.file() + " has no " + path);
            }
            return new Measured(v, format.apply(v), f.file() + " → " + path);
        }
    }

    /**
     * One T12 round: the same server behind the static and the dynamic chain, run back to back in
     * fresh JVMs (their order alternates by round, see {@link Experiments#t12Order}).
     */
    record ChainRound(int round, RunFile staticChain, RunFile dynamicChain) {

        /** static ÷ dynamic for {@code metric}: above 1 means static is higher (more req/s, or slower). */
        Measured ratio(EndToEndMetric metric) {
            return metric.of(staticChain).over(metric.of(dynamicChain));
        }
    }

    /**
     * The T12 end-to-end rounds in which both chains ran successfully, in round order. A round with
     * a failed run is left out; when none is left, NotMeasured says why.
     */
    List<ChainRound> t12Rounds() {
        ok(Experiments.T12_END_TO_END);
        Path d = dir.resolve(Experiments.T12_END_TO_END);
        List<ChainRound> rounds = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int round = 1; Files.isDirectory(d.resolve(Experiments.T12_ROUND_DIR + round)); round++) {
            List<RunFile> files = runFilesIn(d.resolve(Experiments.T12_ROUND_DIR + round));
            RunFile st = chainRun(files, Experiments.T12_STATIC, round, failures);
            RunFile dy = chainRun(files, Experiments.T12_DYNAMIC, round, failures);
            if (st != null && dy != null) {
                rounds.add(new ChainRound(round, st, dy));
            }
        }
        if (rounds.isEmpty()) {
            throw new NotMeasured(failures.isEmpty() ? "no round in " + Experiments.T12_END_TO_END + "/" : String.join("; ", failures));
        }
        return rounds;
    }

    /** static ÷ dynamic per T12 round for {@code metric}, in round order. */
    List<Measured> t12Ratios(EndToEndMetric metric) {
        return t12Rounds().stream().map(r -> r.ratio(metric)).toList();
    }

    private static RunFile chainRun(List<RunFile> files, String model, int round, List<String> failures) {
        for (RunFile f : files) {
            if (f.run().model().equals(model) && f.run().workload().equals(PLAINTEXT)
                    && f.run().connections() == Experiments.T12_CONNECTIONS) {
                if (f.run().ok()) {
                    return f;
                }
                failures.add("round " + round + ": " + model + " failed: " + f.run().failure());
                return null;
            }
        }
        failures.add("round " + round + ": no " + model + " run");
        return null;
    }

    /** The compare run files directly in {@code d}, by name. */
    private List<RunFile> runFilesIn(Path d) {
        List<RunFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = Json.MAPPER.readTree(f.toFile());
                if (node != null && node.path("schema").asText("").startsWith(RUN_SCHEMA_PREFIX)) {
                    out.add(new RunFile(dir.relativize(f).toString(), RUN_READER.readValue(node)));
                }
            }
        } catch (IOException e) {
            throw new NotMeasured("cannot read " + dir.relativize(d) + "/: " + e.getMessage());
        }
        return out;
    }

    /**
     * A JMH score with its error and every measured iteration's value.
     *
     * @param error JMH's scoreError (half-width of its 99.9 % confidence interval); NaN when JMH could
     *              not compute one (fewer than two iterations)
     * @param iterations each measured iteration's value, every fork's in turn (JMH's rawData)
     */
    record JmhScore(double score, double error, String unit, double[] iterations, String source) {

        boolean hasError() {
            return !Double.isNaN(error);
        }

        /** score − error, or the lowest iteration when there is no error. */
        double low() {
            return hasError() ? score - error : Arrays.stream(iterations).min().orElse(score);
        }

        /** score + error, or the highest iteration when there is no error. */
        double high() {
            return hasError() ? score + error : Arrays.stream(iterations).max().orElse(score);
        }

        Measured measured() {
            return new Measured(score, jmhText(score, unit) + (hasError() ? " ± " + jmhText(error, unit) : ""), source);
        }
    }

    /** {@link #jmh} with the score's error and iterations. */
    JmhScore jmhScore(String experiment, String benchmark, String metric, String... params) {
        JsonNode b = jmhResult(experiment, benchmark, params);
        JsonNode m = metric == null ? b.path("primaryMetric") : b.path("secondaryMetrics").path(metric);
        if (m.isMissingNode() || !m.path("score").isNumber()) {
            throw new NotMeasured(experiment + ".json: " + benchmark + " " + String.join(" ", params) + " has no "
                    + (metric == null ? "primary metric" : metric));
        }
        double score = m.path("score").asDouble();
        double error = m.path("scoreError").isNumber() ? m.path("scoreError").asDouble() : Double.NaN;
        String unit = m.path("scoreUnit").asText("");
        String source = experiment + ".json: " + benchmark + (params.length == 0 ? "" : " [" + String.join(", ", params) + "]")
                + " → " + (metric == null ? "primaryMetric" : "secondaryMetrics." + metric) + ".score ± scoreError (" + unit + ")";
        return new JmhScore(score, error, unit, raw(m), source);
    }

    /**
     * BufferReuse ({@link Experiments#BUFFER_REUSE}): for {@code variant} (fresh, pooled, owned), the
     * time per request (metric null), bytes allocated per request ({@link #ALLOC_NORM}) or GC cycles
     * ({@link #GC_COUNT}: JMH sums it over the measured iterations, and prints no error for it; its
     * iterations are the per-iteration counts; see {@link #bufferReuseGcPerSecond} for a rate).
     */
    JmhScore bufferReuse(String variant, String metric) {
        return jmhScore(Experiments.BUFFER_REUSE, Experiments.BUFFER_REUSE_BENCHMARK + "." + variant, metric);
    }

    /**
     * BufferReuse's GC cycles per second for {@code variant}: each measured iteration's gc.count
     * divided by the iteration's time (the chapter counts GC cycles per second). No error: the
     * iterations' values are the spread.
     */
    JmhScore bufferReuseGcPerSecond(String variant) {
        String benchmark = Experiments.BUFFER_REUSE_BENCHMARK + "." + variant;
        JsonNode b = jmhResult(Experiments.BUFFER_REUSE, benchmark);
        double seconds = jmhSeconds(b.path("measurementTime").asText(""));
        JsonNode m = b.path("secondaryMetrics").path(GC_COUNT);
        if (!m.path("score").isNumber() || !(seconds > 0)) {
            throw new NotMeasured(Experiments.BUFFER_REUSE + ".json: " + benchmark + " has no " + GC_COUNT + " or measurementTime");
        }
        double[] perSecond = Arrays.stream(raw(m)).map(c -> c / seconds).toArray();
        double mean = Arrays.stream(perSecond).average().orElseThrow(() ->
                new NotMeasured(Experiments.BUFFER_REUSE + ".json: " + benchmark + " " + GC_COUNT + " has no iterations"));
        return new JmhScore(mean, Double.NaN, "GC/s", perSecond, Experiments.BUFFER_REUSE + ".json: " + benchmark
                + " → secondaryMetrics." + GC_COUNT + ".rawData ÷ measurementTime (" + b.path("measurementTime").asText() + ")");
    }

    private JsonNode jmhResult(String experiment, String benchmark, String... params) {
        for (JsonNode b : tree(experiment, experiment + ".json")) {
            if (b.path("benchmark").asText().endsWith("." + benchmark) && hasParams(b.path("params"), params)) {
                return b;
            }
        }
        throw new NotMeasured(experiment + ".json has no result for " + benchmark
                + (params.length == 0 ? "" : " " + String.join(" ", params)) + " (see " + experiment + ".log)");
    }

    private static double[] raw(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                if (v.isNumber()) {
                    values.add(v.asDouble());
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** JMH's "400 ms" or "1 s" in seconds; NaN for anything else. */
    static double jmhSeconds(String time) {
        String[] parts = time.trim().split(" ");
        if (parts.length != 2) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(parts[0]);
            return switch (parts[1]) {
                case "s" -> v;
                case "ms" -> v / 1e3;
                case "us" -> v / 1e6;
                case "ns" -> v / 1e9;
                case "min" -> v * 60;
                default -> Double.NaN;
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
