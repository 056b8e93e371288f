package io.concbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One plot area inside an SVG: two axes, the mapping from data to pixels, grid, tick labels, axis
 * titles; plus the chart-wide layout constants and the legend, so every chart looks alike.
 */
final class Plot {

    static final double WIDTH = 980;
    static final double HEIGHT = 520;
    static final double MARGIN_LEFT = 80;
    /** Room for the legend right of the plot. */
    static final double MARGIN_RIGHT = 290;
    static final double MARGIN_TOP = 64;
    static final double MARGIN_BOTTOM = 56;
    static final double TITLE_Y = 26;
    static final double SUBTITLE_Y = 46;
    static final int TITLE_SIZE = 16;
    static final int SMALL_SIZE = 11;
    static final double TICK_LENGTH = 5;
    static final double TICK_LABEL_GAP = 8;
    static final double X_TITLE_OFFSET = 40;
    static final double Y_TITLE_OFFSET = 58;
    static final double LEGEND_GAP = 24;
    static final double LEGEND_ROW = 20;
    static final double LEGEND_SAMPLE = 28;
    static final double LINE_WIDTH = 2;
    static final double MARKER_RADIUS = 3.5;
    /** About this many y ticks; the step is rounded to 1, 2 or 5 times a power of ten. */
    static final int TARGET_TICKS = 5;
    static final String DASH = "6 4";
    static final String GRID = "#e3e3e3";
    static final String AXIS = "#444444";
    static final String TEXT = "#222222";
    static final String MUTED = "#666666";
    /** Okabe–Ito: distinct for the colour-blind too (yellow left out: unreadable on white). */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000");

    record Tick(double value, String label) {}

    record Axis(double min, double max, List<Tick> ticks, String title) {}

    /**
     * One legend row.
     *
     * @param dash null for a solid line
     * @param swatch a square (bars) instead of a line sample
     * @param hollow the square outlined, not filled (bars that are not a measurement)
     */
    record LegendEntry(String label, String colour, String dash, boolean swatch, boolean hollow) {

        LegendEntry(String label, String colour, String dash, boolean swatch) {
            this(label, colour, dash, swatch, false);
        }
    }

    final double left;
    final double top;
    final double width;
    final double height;
    final Axis x;
    final Axis y;

    Plot(double left, double top, double width, double height, Axis x, Axis y) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
    }

    /** The standard plot area of a {@link #WIDTH} x {@link #HEIGHT} chart. */
    static Plot standard(Axis x, Axis y) {
        return new Plot(MARGIN_LEFT, MARGIN_TOP, WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
                HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, x, y);
    }

    double px(double v) {
        return left + (v - x.min()) / (x.max() - x.min()) * width;
    }

    double py(double v) {
        return top + height - (v - y.min()) / (y.max() - y.min()) * height;
    }

    /** Grid, frame, tick labels and axis titles. */
    void drawAxes(Svg s) {
        s.open("g", "class", "axes", "stroke-width", "1");
        for (Tick t : y.ticks()) {
            double yy = py(t.value());
            s.element("line", "x1", Svg.num(left), "y1", Svg.num(yy), "x2", Svg.num(left + width), "y2", Svg.num(yy),
                    "stroke", GRID);
            s.element("line", "x1", Svg.num(left - TICK_LENGTH), "y1", Svg.num(yy), "x2", Svg.num(left), "y2", Svg.num(yy),
                    "stroke", AXIS);
            s.text(t.label(), "x", Svg.num(left - TICK_LABEL_GAP), "y", Svg.num(yy + Svg.FONT_SIZE / 3.0),
                    "text-anchor", "end", "fill", TEXT);
        }
        for (Tick t : x.ticks()) {
            double xx = px(t.value());
            s.element("line", "x1", Svg.num(xx), "y1", Svg.num(top), "x2", Svg.num(xx), "y2", Svg.num(top + height),
                    "stroke", GRID);
            s.element("line", "x1", Svg.num(xx), "y1", Svg.num(top + height), "x2", Svg.num(xx),
                    "y2", Svg.num(top + height + TICK_LENGTH), "stroke", AXIS);
            s.text(t.label(), "x", Svg.num(xx), "y", Svg.num(top + height + TICK_LABEL_GAP + Svg.FONT_SIZE),
                    "text-anchor", "middle", "fill", TEXT);
        }
        s.element("rect", "x", Svg.num(left), "y", Svg.num(top), "width", Svg.num(width), "height", Svg.num(height),
                "fill", "none", "stroke", AXIS);
        if (y.min() < 0 && y.max() > 0) {                 // negative deltas: make zero stand out
            s.element("line", "x1", Svg.num(left), "y1", Svg.num(py(0)), "x2", Svg.num(left + width),
                    "y2", Svg.num(py(0)), "stroke", AXIS);
        }
        s.text(x.title(), "x", Svg.num(left + width / 2), "y", Svg.num(top + height + X_TITLE_OFFSET),
                "text-anchor", "middle", "fill", TEXT);
        double cy = top + height / 2;
        double cx = left - Y_TITLE_OFFSET;
        s.text(y.title(), "x", Svg.num(cx), "y", Svg.num(cy), "text-anchor", "middle", "fill", TEXT,
                "transform", "rotate(-90 " + Svg.num(cx) + " " + Svg.num(cy) + ")");
        s.close("g");
    }

    /** The chart title and a muted line under it. */
    static void titles(Svg s, String title, String subtitle) {
        s.text(title, "x", Svg.num(MARGIN_LEFT), "y", Svg.num(TITLE_Y), "font-size", Integer.toString(TITLE_SIZE),
                "font-weight", "bold", "fill", TEXT);
        if (subtitle != null && !subtitle.isEmpty()) {
            s.text(subtitle, "x", Svg.num(MARGIN_LEFT), "y", Svg.num(SUBTITLE_Y),
                    "font-size", Integer.toString(SMALL_SIZE), "fill", MUTED);
        }
    }

    /** The legend, top-aligned right of the plot area. */
    void legend(Svg s, List<LegendEntry> entries) {
        double x0 = left + width + LEGEND_GAP;
        double y0 = top + LEGEND_ROW / 2;
        s.open("g", "class", "legend");
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            double yy = y0 + i * LEGEND_ROW;
            if (e.swatch()) {
                double side = LEGEND_ROW / 2;
                s.element("rect", "x", Svg.num(x0 + (LEGEND_SAMPLE - side) / 2), "y", Svg.num(yy - side / 2),
                        "width", Svg.num(side), "height", Svg.num(side), "fill", e.hollow() ? "none" : e.colour(),
                        "stroke", e.hollow() ? e.colour() : null);
            } else {
                s.element("line", "x1", Svg.num(x0), "y1", Svg.num(yy), "x2", Svg.num(x0 + LEGEND_SAMPLE), "y2", Svg.num(yy),
                        "stroke", e.colour(), "stroke-width", Svg.num(LINE_WIDTH), "stroke-dasharray", e.dash());
            }
            s.text(e.label(), "x", Svg.num(x0 + LEGEND_SAMPLE + TICK_LABEL_GAP), "y", Svg.num(yy + Svg.FONT_SIZE / 3.0),
                    "fill", TEXT);
        }
        s.close("g");
    }

    /** Text in the middle of the plot area, for a chart without data. */
    void empty(Svg s, String message) {
        s.text(message, "x", Svg.num(left + width / 2), "y", Svg.num(top + height / 2), "text-anchor", "middle",
                "fill", MUTED);
    }

    /**
     * A linear axis covering [lo, hi] (and zero) with round ticks.
     *
     * @param suffix appended to every tick label, e.g. "k"
     */
    static Axis linear(double lo, double hi, String title, String suffix) {
        double a = Math.min(0, lo);
        double z = Math.max(0, hi);
        if (!(z > a)) {
            z = a + 1;
        }
        double raw = (z - a) / TARGET_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / magnitude;
        double step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
        double from = Math.floor(a / step) * step;
        double to = Math.ceil(z / step) * step;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        List<Tick> ticks = new ArrayList<>();
        long count = Math.round((to - from) / step);
        for (long i = 0; i <= count; i++) {
            double v = from + i * step;
            ticks.add(new Tick(v, v == 0 ? "0" : String.format(Locale.ROOT, "%." + decimals + "f", v) + suffix));
        }
        return new Axis(from, to, ticks, title);
    }

    /** Evenly spaced categories 0..n-1 with half a slot of room at both ends. */
    static Axis categories(List<String> labels, String title) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            ticks.add(new Tick(i, labels.get(i)));
        }
        return new Axis(-0.5, labels.size() - 0.5, ticks, title);
    }

    static String colour(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    static String points(List<double[]> xy) {
        StringBuilder b = new StringBuilder();
        for (double[] p : xy) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(Svg.num(p[0])).append(',').append(Svg.num(p[1]));
        }
        return b.toString();
    }
}
