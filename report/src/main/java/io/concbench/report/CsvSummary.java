package io.concbench.report;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * summary.csv: one row per (model, workload, connections, rate), raw numbers (nanoseconds, bytes,
 * per-second rates) without unit formatting, a median/min/max column triple per figure. Load rows
 * leave the memory columns empty and the other way round, so one file holds both.
 */
final class CsvSummary {

    private static final List<String> KEY_COLUMNS = List.of("model", "workload", "target", "connections", "rate",
            "mode", "runs", "ok_runs", "failed_runs");
    private static final String ERRORS_TOTAL_COLUMN = "errors_total";
    private static final List<String> TAIL_COLUMNS = List.of("client_cores", "client_bound", "rate_held", "disturbed_runs",
            "pooled_count", "pooled_p50_ns", "pooled_p99_ns", "pooled_p999_ns", "pooled_max_ns",
            "note", "failures");
    private static final double[] POOLED_PERCENTILES = {50, 99, 99.9};

    private CsvSummary() {}

    static String render(Matrix m) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(KEY_COLUMNS);
        for (Metric metric : Metric.values()) {
            header.add(metric.column + "_median");
            header.add(metric.column + "_min");
            header.add(metric.column + "_max");
        }
        header.add(ERRORS_TOTAL_COLUMN);
        for (ErrorClass c : ErrorClass.values()) {
            header.add(column(c));
        }
        header.addAll(TAIL_COLUMNS);
        line(b, header);
        for (Map.Entry<Matrix.LoadKey, Map<String, ModelRuns>> e : m.load.entrySet()) {
            Matrix.LoadKey k = e.getKey();
            for (ModelRuns c : e.getValue().values()) {
                line(b, row(c, k.workload(), k.target(), k.connections(), k.rate(), Metric.Kind.LOAD));
            }
        }
        for (Map.Entry<Integer, Map<String, ModelRuns>> e : m.memory.entrySet()) {
            for (ModelRuns c : e.getValue().values()) {
                RunResult any = c.ok.isEmpty() ? c.failed.get(0) : c.ok.get(0);
                line(b, row(c, any.workload(), String.valueOf(any.target()), e.getKey(), 0, Metric.Kind.MEMORY));
            }
        }
        return b.toString();
    }

    private static List<String> row(ModelRuns c, String workload, String target, int connections, double rate,
                                    Metric.Kind kind) {
        List<String> r = new ArrayList<>(List.of(c.model, workload, target, Integer.toString(connections),
                Units.raw(rate), kind == Metric.Kind.MEMORY ? "idle" : rate > 0 ? "open" : "closed",
                Integer.toString(c.runs()), Integer.toString(c.ok.size()), Integer.toString(c.failed.size())));
        for (Metric metric : Metric.values()) {
            Stat s = metric.kind == kind ? c.stat(metric) : Stat.EMPTY;
            r.add(Units.raw(s.median()));
            r.add(Units.raw(s.min()));
            r.add(Units.raw(s.max()));
        }
        boolean load = kind == Metric.Kind.LOAD && !c.ok.isEmpty();
        ErrorCounts e = c.errors();
        r.add(load ? Long.toString(e.total()) : "");
        for (ErrorClass error : ErrorClass.values()) {
            r.add(load ? Long.toString(e.get(error)) : "");
        }
        r.add(load && c.clientCores() > 0 ? Integer.toString(c.clientCores()) : "");
        r.add(load ? Boolean.toString(c.clientBound()) : "");
        r.add(load ? Boolean.toString(!c.rateMissed()) : "");
        r.add(load && c.machineMeasured() ? Integer.toString(c.disturbed().size()) : "");
        Optional<Histogram> pooled = load ? c.pooledLatency() : Optional.empty();
        r.add(pooled.map(h -> Long.toString(h.getTotalCount())).orElse(""));
        for (double p : POOLED_PERCENTILES) {
            r.add(pooled.map(h -> Long.toString(h.getValueAtPercentile(p))).orElse(""));
        }
        r.add(pooled.map(h -> Long.toString(h.getMaxValue())).orElse(""));
        r.add(notes(c));
        r.add(failures(c));
        return r;
    }

    /** The column of one error class: its label in snake case ({@code errors_closed_by_peer}). */
    static String column(ErrorClass c) {
        return "errors_" + c.label.replace(' ', '_');
    }

    private static String notes(ModelRuns c) {
        Set<String> n = new LinkedHashSet<>();
        for (RunResult r : c.ok) {
            if (r.memory() != null && r.memory().note() != null && !r.memory().note().isBlank()) {
                n.add(r.memory().note());
            }
        }
        return String.join("; ", n);
    }

    private static String failures(ModelRuns c) {
        Set<String> f = new LinkedHashSet<>();
        for (RunResult r : c.failed) {
            f.add(r.failure() == null ? "" : r.failure().strip());
        }
        return String.join("; ", f);
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(cells.get(i)));
        }
        b.append('\n');
    }

    /** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
