package io.concbench.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latency percentile spectrum of one load cell, as HdrHistogram plots it: x is the percentile on
 * a 1/(1-p) log scale (each tick one more nine), y the latency; one line per model from its repeats'
 * histograms added exactly. Corrected latency solid; uncorrected dashed in open loop (in closed loop
 * the two are the same histogram).
 */
final class LatencyChart {

    /** The x axis ends at 99.999 %: five nines. Rarer percentiles are drawn at the right edge. */
    static final int NINES = 5;
    /** Points per halving of the distance to 100 %, as HdrHistogram's own percentile output. */
    static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final List<String> NINE_LABELS = List.of("0%", "90%", "99%", "99.9%", "99.99%", "99.999%");
    private static final double PERCENT = 100;

    private LatencyChart() {}

    static String render(Matrix m, Matrix.LoadKey k) {
        String title = "Latency by percentile: " + k.workload() + " " + k.target() + ", " + Units.grouped(k.connections())
                + " connections";
        record Line(String model, Histogram corrected, Histogram uncorrected, int runs) {}
        List<Line> lines = new ArrayList<>();
        double maxNanos = 0;
        for (ModelRuns c : m.load.get(k).values()) {
            Optional<Histogram> h = c.pooledLatency();
            if (h.isEmpty()) {
                continue;
            }
            Histogram u = k.open() ? c.pooledUncorrectedLatency().orElse(null) : null;
            lines.add(new Line(c.model, h.get(), u, c.ok.size()));
            maxNanos = Math.max(maxNanos, h.get().getMaxValue());
            if (u != null) {
                maxNanos = Math.max(maxNanos, u.getMaxValue());
            }
        }
        Units.Scale unit = Units.Scale.time(maxNanos);
        List<Plot.Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= NINES; i++) {
            xTicks.add(new Plot.Tick(i, NINE_LABELS.get(i)));
        }
        Plot plot = Plot.standard(new Plot.Axis(0, NINES, xTicks, "percentile"),
                Plot.linear(0, maxNanos / unit.divisor(), "latency (" + unit.name() + ")", ""));
        Svg s = new Svg(Plot.WIDTH, Plot.HEIGHT, title);
        String mode = k.open() ? "open loop at " + Units.rate(k.rate()) + " req/s: solid = corrected (from intended send), dashed = uncorrected"
                : "closed loop: measured from the actual send, so not corrected for coordinated omission";
        Plot.titles(s, title, mode + "; repeats merged exactly");
        plot.drawAxes(s);
        List<Plot.LegendEntry> legend = new ArrayList<>();
        for (Line l : lines) {
            String colour = Charts.colour(m, l.model());
            s.open("g", "class", "series", "data-model", l.model(), "fill", "none", "stroke", colour,
                    "stroke-width", Svg.num(Plot.LINE_WIDTH), "stroke-linejoin", "round");
            if (l.uncorrected() != null) {
                s.element("polyline", "class", "uncorrected", "stroke-dasharray", Plot.DASH,
                        "points", Plot.points(pixels(plot, l.uncorrected(), unit)));
            }
            s.element("polyline", "class", "corrected", "points", Plot.points(pixels(plot, l.corrected(), unit)));
            s.close("g");
            legend.add(new Plot.LegendEntry(l.model() + " (" + Units.count(l.corrected().getTotalCount()) + " req)",
                    colour, null, false));
        }
        if (k.open() && lines.stream().anyMatch(l -> l.uncorrected() != null)) {
            legend.add(new Plot.LegendEntry("uncorrected", Plot.MUTED, Plot.DASH, false));
        }
        if (lines.isEmpty()) {
            plot.empty(s, "no latency histogram recorded (every run failed)");
        }
        plot.legend(s, legend);
        return s.finish();
    }

    /** (x, y) pixels of the percentile spectrum of {@code h}. */
    private static List<double[]> pixels(Plot plot, Histogram h, Units.Scale unit) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : spectrum(h)) {
            out.add(new double[] {plot.px(p[0]), plot.py(p[1] / unit.divisor())});
        }
        return out;
    }

    /**
     * (nines, nanoseconds) points: nines = log10(1 / (1 - p)). The 100 % point (the maximum) has no
     * finite x; it goes where one value in {@code count} sits, log10(count), capped at {@link #NINES}.
     */
    static List<double[]> spectrum(Histogram h) {
        List<double[]> out = new ArrayList<>();
        double last = 0;
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double p = v.getPercentileLevelIteratedTo() / PERCENT;
            double x = p >= 1 ? Math.log10(h.getTotalCount()) : -Math.log10(1 - p);
            x = Math.max(last, Math.min(NINES, x));
            last = x;
            out.add(new double[] {x, v.getValueIteratedTo()});
        }
        return out;
    }
}
