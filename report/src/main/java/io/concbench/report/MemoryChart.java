package io.concbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Memory per idle connection against connections held: two panels, heap after GC and RSS, each with
 * a bar per model per connection count. Two panels rather than one because on the JVM the two tell
 * different stories (a pre-touched heap hides allocations from RSS) and often differ in scale. A
 * bar whose total change lies within the noise band of its readings is drawn hollow and labelled
 * "≈ 0": it is not a measurement of the connections. A model that held fewer connections than asked
 * has its label marked with {@link #SHORT_MARK}.
 */
final class MemoryChart {

    static final double PANEL_HEIGHT = 200;
    static final double PANEL_GAP = 92;
    /** Share of a category slot the bars fill; the rest separates categories. */
    static final double GROUP_FILL = 0.8;
    /** Bars stay narrow when there are few models and counts: a wide slab reads as more memory. */
    static final double MAX_BAR_WIDTH = 56;
    static final double VALUE_LABEL_GAP = 4;
    static final int VALUE_LABEL_SIZE = 10;
    static final String FAILED_FILL = "#999999";
    /** Room above the tallest bar for its value label. */
    static final double HEADROOM = 1.15;
    /** Marks the value of a model that held fewer connections than requested. */
    static final String SHORT_MARK = "*";

    private MemoryChart() {}

    static String render(Matrix m) {
        double height = Plot.MARGIN_TOP + 2 * PANEL_HEIGHT + PANEL_GAP + Plot.MARGIN_BOTTOM;
        String title = "Memory per idle keep-alive connection";
        Svg s = new Svg(Plot.WIDTH, height, title);
        Plot.titles(s, title, "(with N connections − with none) / N; median over repeats");
        List<Integer> counts = List.copyOf(m.memory.keySet());
        List<String> labels = counts.stream().map(Units::grouped).toList();
        panel(s, m, counts, labels, Metric.HEAP_BYTES_PER_CONNECTION, "heap after GC per connection", Plot.MARGIN_TOP, true);
        panel(s, m, counts, labels, Metric.RSS_BYTES_PER_CONNECTION, "RSS per connection",
                Plot.MARGIN_TOP + PANEL_HEIGHT + PANEL_GAP, false);
        return s.finish();
    }

    private static void panel(Svg s, Matrix m, List<Integer> counts, List<String> labels, Metric metric, String what,
                              double top, boolean withLegend) {
        double hi = 0;
        for (Map<String, ModelRuns> cells : m.memory.values()) {
            for (ModelRuns c : cells.values()) {
                Stat st = c.stat(metric);
                if (!st.isEmpty()) {
                    hi = Math.max(hi, st.median());         // a fall is drawn at zero (see below): no axis below it
                }
            }
        }
        Units.Scale unit = Units.Scale.bytes(hi);
        Plot plot = new Plot(Plot.MARGIN_LEFT, top, Plot.WIDTH - Plot.MARGIN_LEFT - Plot.MARGIN_RIGHT, PANEL_HEIGHT,
                Plot.categories(labels, "connections requested"),
                Plot.linear(0, hi * HEADROOM / unit.divisor(), what + " (" + unit.name() + ")", ""));
        plot.drawAxes(s);
        int models = m.models.size();
        double slot = plot.width / counts.size();
        double bar = Math.min(MAX_BAR_WIDTH, slot * GROUP_FILL / Math.max(1, models));
        List<Plot.LegendEntry> legend = new ArrayList<>();
        boolean anyNoise = false;
        boolean anyShort = false;
        for (int mi = 0; mi < models; mi++) {
            String model = m.models.get(mi);
            String colour = Charts.colour(m, model);
            boolean present = false;
            boolean measured = false;
            s.open("g", "class", "series", "data-model", model, "fill", colour);
            for (int ci = 0; ci < counts.size(); ci++) {
                ModelRuns c = m.memory.get(counts.get(ci)).get(model);
                if (c == null) {
                    continue;
                }
                present = true;
                double x = plot.px(ci) - bar * models / 2 + mi * bar;
                double zero = plot.py(0);
                Stat st = c.stat(metric);
                double band = c.stat(metric.noiseBand()).max();
                if (st.isEmpty() && Double.isNaN(band)) {
                    s.text("failed", "x", Svg.num(x + bar / 2), "y", Svg.num(zero - VALUE_LABEL_GAP),
                            "text-anchor", "middle", "font-size", Integer.toString(VALUE_LABEL_SIZE), "fill", FAILED_FILL);
                    continue;
                }
                measured = true;
                // A fall (a negative figure, or one the memory step left out with its band widened to the fall) is no
                // per-connection cost: drawn as ≈ 0 like a figure inside its band, never as a bar below zero.
                double value = st.isEmpty() ? Double.NaN : st.median();
                boolean noise = Double.isNaN(value) || value < 0 || Units.withinNoise(value, band);
                boolean shortOf = c.stat(Metric.HELD).min() < counts.get(ci);
                anyNoise |= noise;
                anyShort |= shortOf;
                double y = plot.py((noise ? Math.max(0, Double.isNaN(value) ? 0 : value) : value) / unit.divisor());
                s.element("rect", "x", Svg.num(x), "y", Svg.num(Math.min(y, zero)), "width", Svg.num(bar),
                        "height", Svg.num(Math.abs(zero - y)), "class", noise ? "within-noise" : null,
                        "fill", noise ? "none" : null, "stroke", noise ? colour : null);
                s.text((noise ? "≈ 0" : Units.bytes(value)) + (shortOf ? SHORT_MARK : ""), "x", Svg.num(x + bar / 2),
                        "y", Svg.num(y - VALUE_LABEL_GAP), "text-anchor", "middle",
                        "font-size", Integer.toString(VALUE_LABEL_SIZE), "fill", Plot.TEXT);
            }
            s.close("g");
            if (present) {
                legend.add(new Plot.LegendEntry(measured ? model : model + " (failed)", colour, null, true));
            }
        }
        if (anyNoise) {
            legend.add(new Plot.LegendEntry("hollow, ≈ 0: within the noise band", Plot.MUTED, null, true, true));
        }
        if (anyShort) {
            legend.add(new Plot.LegendEntry(SHORT_MARK + " held fewer than requested", "none", null, false));
        }
        if (withLegend) {
            plot.legend(s, legend);
        } else if (anyNoise || anyShort) {
            plot.legend(s, legend.subList(legend.size() - (anyNoise ? 1 : 0) - (anyShort ? 1 : 0), legend.size()));
        }
    }
}
