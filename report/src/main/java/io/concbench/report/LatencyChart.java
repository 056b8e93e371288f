package io.concbench.report;

import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The latency percentile spectrum of one load cell, as HdrHistogram plots it: x is the percentile on
 * a 1/(1-p) log scale (each tick one more nine), y the latency; one line per model from its repeats'
 * histograms added exactly. Corrected latency solid; uncorrected dashed in open loop (in closed loop
 * the two are the same histogram). A model driven by an external tool (wrk, h2load) has no histogram,
 * only the figures the tool prints: those are drawn as markers at their percentile, the median over
 * repeats, and a figure the tool does not measure is left out, never drawn at 0.
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
        record Points(String model, List<double[]> nanos, String tool) {}
        List<Line> lines = new ArrayList<>();
        List<Points> printed = new ArrayList<>();
        double maxNanos = 0;
        for (ModelRuns c : m.load.get(k).values()) {
            Optional<Histogram> h = c.pooledLatency();
            if (h.isEmpty()) {
                List<double[]> p = printedPoints(c);
                if (!p.isEmpty()) {
                    printed.add(new Points(c.model, p, tool(c)));
                    maxNanos = Math.max(maxNanos, p.stream().mapToDouble(xy -> xy[1]).max().orElse(0));
                }
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
        for (Points p : printed) {
            String colour = Charts.colour(m, p.model());
            s.open("g", "class", "series printed", "data-model", p.model(), "fill", colour, "stroke", "none");
            for (double[] xy : p.nanos()) {
                s.element("circle", "cx", Svg.num(plot.px(xy[0])), "cy", Svg.num(plot.py(xy[1] / unit.divisor())),
                        "r", Svg.num(Plot.MARKER_RADIUS));
            }
            s.close("g");
            legend.add(new Plot.LegendEntry(p.model() + " (" + p.tool() + ": printed figures only)", colour, null, false));
        }
        if (k.open() && lines.stream().anyMatch(l -> l.uncorrected() != null)) {
            legend.add(new Plot.LegendEntry("uncorrected", Plot.MUTED, Plot.DASH, false));
        }
        if (lines.isEmpty() && printed.isEmpty()) {
            plot.empty(s, "no latency histogram recorded (every run failed)");
        }
        plot.legend(s, legend);
        return s.finish();
    }

    /** The percentiles a summary may carry, as (percentile, figure); min and max are handled apart. */
    private static final List<Map.Entry<Double, Function<LatencySummary, Long>>> PERCENTILES = List.of(
            Map.entry(50.0, LatencySummary::p50Nanos), Map.entry(90.0, LatencySummary::p90Nanos),
            Map.entry(99.0, LatencySummary::p99Nanos), Map.entry(99.9, LatencySummary::p999Nanos),
            Map.entry(99.99, LatencySummary::p9999Nanos));

    /**
     * (nines, nanoseconds) of the figures the repeats' summaries carry, each the median over the
     * repeats that have it: min at 0, each percentile at its nines, max where {@link #spectrum} puts it.
     * A figure no repeat has is not a point.
     */
    static List<double[]> printedPoints(ModelRuns c) {
        List<LatencySummary> summaries = c.ok.stream().map(RunResult::load)
                .filter(l -> l != null && l.latency() != null && l.latency().count() > 0)
                .map(LoadResult::latency).toList();
        List<double[]> out = new ArrayList<>();
        if (summaries.isEmpty()) {
            return out;
        }
        add(out, 0, summaries, LatencySummary::minNanos);
        for (Map.Entry<Double, Function<LatencySummary, Long>> p : PERCENTILES) {
            add(out, -Math.log10(1 - p.getKey() / PERCENT), summaries, p.getValue());
        }
        long count = summaries.stream().mapToLong(LatencySummary::count).max().orElse(1);
        add(out, Math.min(NINES, Math.log10(count)), summaries, LatencySummary::maxNanos);
        return out;
    }

    private static void add(List<double[]> out, double nines, List<LatencySummary> summaries,
                            Function<LatencySummary, Long> f) {
        Stat st = Stat.of(summaries.stream().map(f).filter(Objects::nonNull).mapToDouble(Long::doubleValue));
        if (!st.isEmpty()) {
            out.add(new double[] {nines, st.median()});
        }
    }

    /** The tool that drove the repeats, as their results name it. */
    private static String tool(ModelRuns c) {
        return c.ok.stream().map(RunResult::load).filter(Objects::nonNull).map(LoadResult::tool).filter(Objects::nonNull)
                .distinct().collect(Collectors.joining(", "));
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
