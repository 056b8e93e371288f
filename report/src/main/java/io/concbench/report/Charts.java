package io.concbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which charts a set of runs gets, their file names under {@link #DIR}, and each model's colour. */
final class Charts {

    static final String DIR = "charts";
    static final String MEMORY_FILE = "memory.svg";
    private static final String SVG = ".svg";

    private Charts() {}

    /** File name (relative to {@link #DIR}) to SVG text, in report order. */
    static Map<String, String> render(Matrix m) {
        Map<String, String> charts = new LinkedHashMap<>();
        for (Matrix.LoadKey k : m.load.keySet()) {
            charts.put(latencyFile(m, k), LatencyChart.render(m, k));
        }
        for (Map.Entry<Matrix.SeriesKey, List<Matrix.LoadKey>> e : m.series().entrySet()) {
            charts.put(throughputFile(m, e.getValue().get(0)), ThroughputChart.render(m, e.getKey(), e.getValue()));
            charts.put(p99File(m, e.getValue().get(0)), ThroughputChart.render(m, e.getKey(), e.getValue(), Metric.P99_NANOS));
        }
        if (!m.memory.isEmpty()) {
            charts.put(MEMORY_FILE, MemoryChart.render(m));
        }
        return charts;
    }

    /** {@code latency-<workload>[-<target>]-<connections>c[-<rate>rps].svg}. */
    static String latencyFile(Matrix m, Matrix.LoadKey k) {
        return "latency-" + stem(m, k) + "-" + k.connections() + "c" + rate(k) + SVG;
    }

    /** {@code throughput-<workload>[-<target>][-<rate>rps].svg}: one per series of connection counts. */
    static String throughputFile(Matrix m, Matrix.LoadKey k) {
        return "throughput-" + stem(m, k) + rate(k) + SVG;
    }

    /** {@code p99-<workload>[-<target>][-<rate>rps].svg}: the corrected p99 against connections, beside the req/s chart. */
    static String p99File(Matrix m, Matrix.LoadKey k) {
        return "p99-" + stem(m, k) + rate(k) + SVG;
    }

    /** The same colour for a model in every chart. */
    static String colour(Matrix m, String model) {
        return Plot.colour(m.models.indexOf(model));
    }

    private static String stem(Matrix m, Matrix.LoadKey k) {
        // The target joins the name only when one workload was driven at several targets (e.g. /io?ms=10 and 20).
        return slug(k.workload()) + (m.targetsOf(k.workload()) > 1 ? "-" + slug(k.target()) : "");
    }

    private static String rate(Matrix.LoadKey k) {
        return k.open() ? "-" + Units.raw(k.rate()) + "rps" : "";
    }

    static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "x" : slug;
    }
}
