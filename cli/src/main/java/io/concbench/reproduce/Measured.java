package io.concbench.reproduce;

import io.concbench.report.Units;

/**
 * A figure measured here, its interval, and where it was read from.
 *
 * @param value the number, in the unit its text shows (before scaling for display)
 * @param low the interval's lower end: JMH's scoreConfidence, or the minimum over repeats; {@code value} when measured once
 * @param high the interval's upper end
 * @param text how the document shows it, e.g. {@code 12.3k req/s}
 * @param source the file(s) and JSON field(s) it was read from, relative to the run directory
 */
record Measured(double value, double low, double high, String text, String source) {

    /** A figure measured once: its interval is the point itself. */
    Measured(double value, String text, String source) {
        this(value, value, value, text, source);
    }

    /** True when the figure has an interval wider than a point. */
    boolean hasInterval() {
        return low < high;
    }

    /** "(186 µs–936 µs)" in the unit {@code format} shows, or "" for a point. */
    String interval(java.util.function.DoubleFunction<String> format) {
        return hasInterval() ? " (" + format.apply(low) + "–" + format.apply(high) + ")" : "";
    }

    /** {@code this ÷ other}, shown as the ratio, its interval and its two figures; the interval is the widest the two allow. */
    Measured over(Measured other) {
        double r = value / other.value;
        double lo = low / other.high;
        double hi = high / other.low;
        String range = lo < hi ? ", interval " + times(lo) + "–" + times(hi) : "";
        return new Measured(r, lo, hi, times(r) + range + " (" + text + " ÷ " + other.text + ")", joinSources(source, other.source));
    }

    /**
     * Several measurements of one figure (rounds, repeats) as one: the median, and min–max as its
     * interval; its text is {@code format} of the median and the range, its source each one's.
     */
    static Measured fold(java.util.List<Measured> each, java.util.function.DoubleFunction<String> format) {
        if (each.isEmpty()) {
            throw new NotMeasured("no measurement to fold");
        }
        double[] v = each.stream().mapToDouble(Measured::value).toArray();
        double median = Evidence.median(v);
        double lo = each.stream().mapToDouble(Measured::low).min().orElse(median);
        double hi = each.stream().mapToDouble(Measured::high).max().orElse(median);
        String range = lo < hi ? " (" + format.apply(lo) + "–" + format.apply(hi) + ", " + each.size() + " rounds)" : "";
        String sources = String.join("; ", each.stream().map(Measured::source).distinct().toList());
        return new Measured(median, lo, hi, format.apply(median) + range, sources + (each.size() > 1 ? " (median, min–max)" : ""));
    }

    /** {@code 1 ÷ this}: the same ratio the other way round, its interval turned too. */
    Measured inverse(String newText) {
        return new Measured(1 / value, 1 / high, 1 / low, newText, source);
    }

    /** The same figure shown differently. */
    Measured shown(String newText) {
        return new Measured(value, low, high, newText, source);
    }

    /** A ratio as the document shows it: "1.85×", "∞" when the divisor was zero, never "Infinity×". */
    static String times(double v) {
        return Double.isInfinite(v) ? "∞" : Units.times(v);
    }

    static String joinSources(String a, String b) {
        return a.equals(b) ? a : a + "; " + b;
    }
}
