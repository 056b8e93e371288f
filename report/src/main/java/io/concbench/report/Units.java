package io.concbench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers for people (three significant digits and a unit) and for machines (plain decimals, no
 * exponent). {@link Locale#ROOT} everywhere: a report must not change with the reader's locale.
 */
public final class Units {

    /** What a table shows for a figure that was not measured: never 0. */
    public static final String NONE = "–";
    static final double THOUSAND = 1e3;
    static final double BINARY_THOUSAND = 1024;
    private static final double NANOS_PER_MILLI = 1e6;
    /** A scaled value at or above this rounds to 1000 at three digits: show it in the next unit instead. */
    private static final double NEXT_UNIT_AT = 999.5;
    private static final int SMALL = 10;
    private static final int MEDIUM = 100;
    /** Enough digits to keep per-request ratios such as 0.000123 context switches readable in CSV. */
    private static final MathContext CSV_DIGITS = new MathContext(6);

    private static final String[] COUNT_UNITS = {"", "k", "M", "G"};
    private static final String[] TIME_UNITS = {"ns", "µs", "ms", "s"};
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {}

    /** Three significant digits, no unit: 0.00345, 1.23, 12.3, 123. */
    public static String sig3(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1) {
            // Three significant digits below one too: 0.0007 bytes or switches per request must not read as 0.00.
            return new BigDecimal(v).round(new MathContext(3)).toPlainString();
        }
        int decimals = a < SMALL ? 2 : a < MEDIUM ? 1 : 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A count or rate: 950, 12.3k, 1.23M. */
    public static String count(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        if (Math.abs(v) < NEXT_UNIT_AT) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return scaled(v, THOUSAND, COUNT_UNITS, "");
    }

    /** A requested rate as typed: 5,000; fractional rates keep three digits. */
    public static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? grouped((long) perSecond) : count(perSecond);
    }

    /** A duration in nanoseconds: 850 ns, 12.3 µs, 1.23 ms, 2.50 s. */
    public static String nanos(double ns) {
        return Double.isNaN(ns) ? NONE : scaled(ns, THOUSAND, TIME_UNITS, " ");
    }

    /** Bytes in binary units: 512 B, 2.10 KiB, 1.50 MiB. */
    public static String bytes(double b) {
        return Double.isNaN(b) ? NONE : scaled(b, BINARY_THOUSAND, BYTE_UNITS, " ");
    }

    /**
     * Whether a figure lies inside its noise band: {@code |value| <= band}. False without a band (NaN):
     * no band, no claim either way.
     */
    public static boolean withinNoise(double value, double band) {
        return !Double.isNaN(value) && !Double.isNaN(band) && Math.abs(value) <= band;
    }

    /**
     * A byte figure against the band its readings move by themselves (both in the same unit, e.g.
     * per connection): "≈ 0 (±1.20 KiB)" inside the band, whatever its sign; outside, the figure.
     * A fall is never a per-connection cost: holding connections cannot free what the server held, so
     * a negative figure shows the state moved by itself at least that much and reads "≈ 0 (±|fall|)"
     * (threadpool's heap fell 2.36 KiB per held connection in results/compare/2026-11-27T17-12-46Z).
     * An absent figure with a band (the memory step leaves a fall's figure out and widens the band to
     * it) reads "≈ 0 (±band)"; without a band it is absent, "–".
     */
    public static String bytesAgainstNoise(double value, double band) {
        if (Double.isNaN(value)) {
            return Double.isNaN(band) ? NONE : "≈ 0 (±" + bytes(band) + ")";
        }
        if (value < 0) {
            return "≈ 0 (±" + bytes(Double.isNaN(band) ? -value : Math.max(band, -value)) + ")";
        }
        return withinNoise(value, band) ? "≈ 0 (±" + bytes(band) + ")" : bytes(value);
    }

    /** A percentage without its sign (the column header carries it): 12.3. */
    public static String percent(double v) {
        return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A percentage with its sign, for prose where no column header carries it: 68.2 %. */
    public static String percentWithSign(double v) {
        return Double.isNaN(v) ? NONE : percent(v) + " %";
    }

    /** A ratio as a multiple: 3.84×, 0.25×. */
    public static String times(double v) {
        return Double.isNaN(v) ? NONE : sig3(v) + "×";
    }

    /** A duration in milliseconds, shown as {@link #nanos}: 12.1 ms. */
    public static String millis(double ms) {
        return nanos(ms * NANOS_PER_MILLI);
    }

    /** A duration in microseconds, shown as {@link #nanos}: 85.0 µs. */
    public static String micros(double us) {
        return nanos(us * THOUSAND);
    }

    /** Bytes in MiB whatever their size, for a column that compares them (as the chapter prints megabytes): 0.25 MiB, 512 MiB, 1750 MiB. */
    public static String mib(double b) {
        return Double.isNaN(b) ? NONE : sig3(b / (BINARY_THOUSAND * BINARY_THOUSAND)) + " MiB";
    }

    /** A small ratio: 0.0123, 1.23, 123. */
    public static String ratio(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        return sig3(v);
    }

    /** An integer with thousands separators: 10,000. */
    public static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A raw number for CSV: integers without a decimal point, others to six significant digits; NaN is empty. */
    public static String raw(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < Long.MAX_VALUE) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(CSV_DIGITS).stripTrailingZeros().toPlainString();
    }

    private static String scaled(double v, double step, String[] units, String separator) {
        double s = v;
        int i = 0;
        while (Math.abs(s) >= NEXT_UNIT_AT && i < units.length - 1) {
            s /= step;
            i++;
        }
        return sig3(s) + separator + units[i];
    }

    /**
     * The unit a chart axis shows values in, chosen so that the largest value reads 1 to 999.
     *
     * @param name shown in the axis title, e.g. "ms"
     * @param divisor raw value / divisor = shown value
     */
    record Scale(String name, double divisor) {

        static Scale time(double maxNanos) {
            return choose(maxNanos, THOUSAND, TIME_UNITS);
        }

        static Scale bytes(double maxAbsBytes) {
            return choose(maxAbsBytes, BINARY_THOUSAND, BYTE_UNITS);
        }

        static Scale count(double max) {
            return choose(max, THOUSAND, COUNT_UNITS);
        }

        private static Scale choose(double max, double step, String[] units) {
            double d = 1;
            int i = 0;
            while (Math.abs(max) / d >= NEXT_UNIT_AT && i < units.length - 1) {
                d *= step;
                i++;
            }
            return new Scale(units[i], d);
        }
    }

    /**
     * A unitless figure of any size, as JMH prints scores (the unit is in its own column): whole and
     * grouped from 100 up, three decimals below 1: 1,234,568; 123; 12.3; 1.23; 0.012.
     */
    public static String figure(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return NONE;
        }
        double a = Math.abs(v);
        String pattern = a >= MEDIUM ? "%,.0f" : a >= SMALL ? "%.1f" : a >= 1 ? "%.2f" : a == 0 ? "%.0f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
