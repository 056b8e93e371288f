package io.concbench.reproduce;

import io.concbench.report.Units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as the document shows them: three significant digits and a unit, {@link Locale#ROOT}.
 * The harness's report formatter is package-private to its package, so this is the small subset
 * the chapter document needs, in the same style (12.3k, 1.23 µs, 53.2 KiB).
 */
final class Format {

    static final String NONE = "–";
    private static final double NANOS_PER_MICRO = 1e3;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double BINARY_THOUSAND = 1024;
    private static final double MIB = BINARY_THOUSAND * BINARY_THOUSAND;
    /** A scaled value at or above this rounds to 1000 at three digits: show it in the next unit. */
    private static final int SMALL = 10;
    private static final MathContext THREE_DIGITS = new MathContext(3);
    private static final int MEDIUM = 100;

    private Format() {}

    /** Three significant digits, no unit: 1.23, 12.3, 123, 1234. */
    static String sig3(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1) {
            // Three significant digits below one too: a ratio of 0.0007 must not read as 0.00.
            return new BigDecimal(v).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
        }
        int decimals = a < SMALL ? 2 : a < MEDIUM ? 1 : 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A count or rate: 950, 12.3k, 1.23M (the report's formatting, so tables read alike). */
    static String count(double v) {
        return Units.count(v);
    }

    /** An integer with thousands separators: 10,000. */
    static String grouped(long v) {
        return Units.grouped(v);
    }

    /** A duration in nanoseconds: 850 ns, 12.3 µs, 1.23 ms. */
    static String nanos(double ns) {
        return Units.nanos(ns);
    }

    /** A duration in milliseconds, shown as {@link #nanos}. */
    static String millis(double ms) {
        return nanos(ms * NANOS_PER_MILLI);
    }

    /** A duration in microseconds, shown as {@link #nanos}. */
    static String micros(double us) {
        return nanos(us * NANOS_PER_MICRO);
    }

    /** Bytes in binary units: 512 B, 2.10 KiB, 1.50 MiB. */
    static String bytes(double b) {
        return Units.bytes(b);
    }

    /** Bytes as MiB, as the chapter's T11 prints megabytes: 512 MiB. */
    static String mib(double b) {
        return Double.isNaN(b) ? NONE : sig3(b / MIB) + " MiB";
    }

    /** A percentage with its sign: 68.2 %. */
    static String percent(double v) {
        return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, "%.1f %%", v);
    }

    /** A ratio: 3.84×. */
    static String times(double v) {
        return sig3(v) + "×";
    }
}
