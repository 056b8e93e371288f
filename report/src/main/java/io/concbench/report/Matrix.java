package io.concbench.report;

import io.concbench.harness.result.RunResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Runs arranged the way the report shows them: load cells keyed by (workload, target, connections,
 * rate) with a {@link ModelRuns} per model, memory cells keyed by connections requested, and the
 * failures. Every order is derived from the runs alone (models and workloads in the order they first
 * ran, connections and rates ascending), so the same runs in any list order give the same report.
 */
final class Matrix {

    /** The workload name compare gives memory-per-connection runs. */
    static final String MEMORY = "memory";

    /** Start time, then identity: the order runs happened in, made total for ties and missing times. */
    static final Comparator<RunResult> RUN_ORDER = Comparator
            .comparing((RunResult r) -> startOf(r))
            .thenComparing(RunResult::model, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(RunResult::workload, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(RunResult::connections)
            .thenComparingDouble(RunResult::rate)
            .thenComparingInt(RunResult::repeat);

    /** One table of the summary: the same load driven at every model. */
    record LoadKey(String workload, String target, int connections, double rate) {
        boolean open() {
            return rate > 0;
        }
    }

    /** One chart of req/s against connections: a {@link LoadKey} without the connections. */
    record SeriesKey(String workload, String target, double rate) {}

    final List<RunResult> runs;
    final List<String> models;
    final Map<LoadKey, Map<String, ModelRuns>> load = new LinkedHashMap<>();
    final Map<Integer, Map<String, ModelRuns>> memory = new LinkedHashMap<>();
    /** compare --crosscheck runs (wrk, h2load), kept out of {@link #load} so they do not move its medians. */
    final List<RunResult> crossChecks;
    final List<RunResult> failed;

    private Matrix(List<RunResult> sorted) {
        this.runs = sorted;
        LinkedHashSet<String> modelOrder = new LinkedHashSet<>();
        LinkedHashSet<String> workloadOrder = new LinkedHashSet<>();
        LinkedHashSet<String> targetOrder = new LinkedHashSet<>();
        for (RunResult r : sorted) {
            modelOrder.add(r.model());
            workloadOrder.add(r.workload());
            targetOrder.add(String.valueOf(r.target()));
        }
        this.models = List.copyOf(modelOrder);
        List<String> workloads = List.copyOf(workloadOrder);
        List<String> targets = List.copyOf(targetOrder);
        Comparator<LoadKey> keyOrder = Comparator.<LoadKey>comparingInt(k -> workloads.indexOf(k.workload()))
                .thenComparingInt(k -> targets.indexOf(k.target()))
                .thenComparingInt(LoadKey::connections)
                .thenComparingDouble(LoadKey::rate);
        List<RunResult> loadRuns = sorted.stream().filter(r -> !isMemory(r) && !isCrossCheck(r)).toList();
        this.crossChecks = sorted.stream().filter(r -> !isMemory(r) && isCrossCheck(r)).toList();
        List<LoadKey> keys = loadRuns.stream().map(Matrix::key).distinct().sorted(keyOrder).toList();
        for (LoadKey k : keys) {
            load.put(k, cells());
        }
        for (RunResult r : loadRuns) {
            load.get(key(r)).get(r.model()).add(r);
        }
        sorted.stream().filter(Matrix::isMemory).map(RunResult::connections).distinct().sorted()
                .forEach(c -> memory.put(c, cells()));
        sorted.stream().filter(Matrix::isMemory).forEach(r -> memory.get(r.connections()).get(r.model()).add(r));
        load.values().forEach(Matrix::dropAbsent);
        memory.values().forEach(Matrix::dropAbsent);
        this.failed = sorted.stream().filter(r -> !r.ok()).toList();
    }

    static Matrix of(List<RunResult> runs) {
        List<RunResult> sorted = new ArrayList<>(runs);
        sorted.sort(RUN_ORDER);
        return new Matrix(List.copyOf(sorted));
    }

    static boolean isMemory(RunResult r) {
        return MEMORY.equals(r.workload()) || r.memory() != null;
    }

    static boolean isCrossCheck(RunResult r) {
        return r.environment() != null && r.environment().crossCheck();
    }

    static LoadKey key(RunResult r) {
        return new LoadKey(r.workload(), String.valueOf(r.target()), r.connections(), r.rate());
    }

    /** Load cells grouped into one req/s-vs-connections series each, in table order. */
    Map<SeriesKey, List<LoadKey>> series() {
        Map<SeriesKey, List<LoadKey>> s = new LinkedHashMap<>();
        for (LoadKey k : load.keySet()) {
            s.computeIfAbsent(new SeriesKey(k.workload(), k.target(), k.rate()), x -> new ArrayList<>()).add(k);
        }
        s.values().forEach(list -> list.sort(Comparator.comparingInt(LoadKey::connections)));
        return s;
    }

    /** How many distinct targets a workload was driven with (names need the target when more than one). */
    long targetsOf(String workload) {
        return load.keySet().stream().filter(k -> k.workload().equals(workload)).map(LoadKey::target).distinct().count();
    }

    private Map<String, ModelRuns> cells() {
        Map<String, ModelRuns> m = new LinkedHashMap<>();
        for (String model : models) {
            m.put(model, new ModelRuns(model));
        }
        return m;
    }

    private static void dropAbsent(Map<String, ModelRuns> cells) {
        cells.values().removeIf(c -> c.runs() == 0);
    }

    static Instant startOf(RunResult r) {
        if (r.startedAt() == null) {
            return Instant.MAX;
        }
        try {
            return Instant.parse(r.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
