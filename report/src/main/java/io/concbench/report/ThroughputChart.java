package io.concbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure against connections for one workload — requests per second, or the corrected p99 — a
 * line per model through the medians, a whisker from min to max over repeats. Connection counts are
 * evenly spaced categories: they are usually powers of ten, and a category axis keeps a single count
 * readable too. At a fixed open-loop rate req/s stays flat by design and the p99 is what moves.
 */
final class ThroughputChart {

    private static final double WHISKER_HALF_WIDTH = 4;
    /** Models are shifted sideways by this much each, so that equal values and their whiskers do not hide each other. */
    private static final double DODGE = 7;

    private ThroughputChart() {}

    static String render(Matrix m, Matrix.SeriesKey sk, List<Matrix.LoadKey> keys) {
        return render(m, sk, keys, Metric.REQUESTS_PER_SECOND);
    }

    /** {@code metric} is {@link Metric#REQUESTS_PER_SECOND} or {@link Metric#P99_NANOS}. */
    static String render(Matrix m, Matrix.SeriesKey sk, List<Matrix.LoadKey> keys, Metric metric) {
        boolean latency = metric == Metric.P99_NANOS;
        String title = (latency ? "p99 (corrected) vs connections: " : "Requests per second vs connections: ")
                + sk.workload() + " " + sk.target();
        List<String> labels = keys.stream().map(k -> Units.grouped(k.connections())).toList();
        double max = 0;
        for (Matrix.LoadKey k : keys) {
            for (ModelRuns c : m.load.get(k).values()) {
                Stat st = c.stat(metric);
                if (!st.isEmpty()) {
                    max = Math.max(max, st.max());
                }
            }
        }
        Units.Scale unit = latency ? Units.Scale.time(max) : Units.Scale.count(max);
        Plot plot = Plot.standard(Plot.categories(labels, "connections"),
                latency ? Plot.linear(0, max / unit.divisor(), "p99, corrected (" + unit.name() + ")", "")
                        : Plot.linear(0, max / unit.divisor(), "requests per second", unit.name()));
        Svg s = new Svg(Plot.WIDTH, Plot.HEIGHT, title);
        Plot.titles(s, title, (sk.rate() > 0 ? "open loop at " + Units.rate(sk.rate()) + " req/s" : "closed loop")
                + "; dot = median over repeats, whisker = min–max");
        plot.drawAxes(s);
        List<Plot.LegendEntry> legend = new ArrayList<>();
        for (int mi = 0; mi < m.models.size(); mi++) {
            String model = m.models.get(mi);
            double dodge = (mi - (m.models.size() - 1) / 2.0) * DODGE;
            List<double[]> medians = new ArrayList<>();
            List<double[]> whiskers = new ArrayList<>();
            boolean present = false;
            for (int i = 0; i < keys.size(); i++) {
                ModelRuns c = m.load.get(keys.get(i)).get(model);
                if (c == null) {
                    continue;
                }
                present = true;
                Stat st = c.stat(metric);
                if (st.isEmpty()) {
                    continue;                              // every repeat failed: a gap in the line
                }
                double x = plot.px(i) + dodge;
                medians.add(new double[] {x, plot.py(st.median() / unit.divisor())});
                whiskers.add(new double[] {x, plot.py(st.min() / unit.divisor()), plot.py(st.max() / unit.divisor())});
            }
            if (!present) {
                continue;
            }
            String colour = Charts.colour(m, model);
            s.open("g", "class", "series", "data-model", model, "stroke", colour, "fill", colour,
                    "stroke-width", Svg.num(Plot.LINE_WIDTH));
            if (medians.size() > 1) {
                s.element("polyline", "fill", "none", "points", Plot.points(medians));
            }
            for (double[] w : whiskers) {
                if (w[1] != w[2]) {
                    s.element("line", "x1", Svg.num(w[0]), "y1", Svg.num(w[1]), "x2", Svg.num(w[0]), "y2", Svg.num(w[2]));
                    s.element("line", "x1", Svg.num(w[0] - WHISKER_HALF_WIDTH), "y1", Svg.num(w[1]),
                            "x2", Svg.num(w[0] + WHISKER_HALF_WIDTH), "y2", Svg.num(w[1]));
                    s.element("line", "x1", Svg.num(w[0] - WHISKER_HALF_WIDTH), "y1", Svg.num(w[2]),
                            "x2", Svg.num(w[0] + WHISKER_HALF_WIDTH), "y2", Svg.num(w[2]));
                }
            }
            for (double[] p : medians) {
                s.element("circle", "cx", Svg.num(p[0]), "cy", Svg.num(p[1]), "r", Svg.num(Plot.MARKER_RADIUS));
            }
            s.close("g");
            legend.add(new Plot.LegendEntry(medians.isEmpty() ? model + " (failed)" : model, colour, null, false));
        }
        plot.legend(s, legend);
        return s.finish();
    }
}
