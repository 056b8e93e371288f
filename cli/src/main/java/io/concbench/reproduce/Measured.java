package io.concbench.reproduce;

import io.concbench.report.Units;
/**
 * A figure measured here, and where it was read from.
 *
 * @param value the number, in the unit its text shows (before scaling for display)
 * @param text how the document shows it, e.g. {@code 12.3k req/s}
 * @param source the file(s) and JSON field(s) it was read from, relative to the run directory
 */
record Measured(double value, String text, String source) {

    /** {@code this ÷ other}, shown as the ratio and its two figures. */
    Measured over(Measured other) {
        double r = value / other.value;
        return new Measured(r, Units.times(r) + " (" + text + " ÷ " + other.text + ")", joinSources(source, other.source));
    }

    /** The same figure shown differently. */
    Measured shown(String newText) {
        return new Measured(value, newText, source);
    }

    static String joinSources(String a, String b) {
        return a.equals(b) ? a : a + "; " + b;
    }
}
