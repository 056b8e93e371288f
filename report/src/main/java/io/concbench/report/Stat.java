package io.concbench.report;

import java.util.Arrays;
import java.util.stream.DoubleStream;

/**
 * Median, smallest and largest of one figure over the repeats of a run. Missing figures (NaN) are
 * left out, so a repeat that lacks a reading does not drag the median.
 *
 * @param n how many repeats had the figure
 */
record Stat(double median, double min, double max, int n) {

    static final Stat EMPTY = new Stat(Double.NaN, Double.NaN, Double.NaN, 0);

    static Stat of(DoubleStream values) {
        double[] v = values.filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return EMPTY;
        }
        int mid = v.length / 2;
        double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        return new Stat(median, v[0], v[v.length - 1], v.length);
    }

    static Stat of(double... values) {
        return of(Arrays.stream(values));
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** Whether min and max differ, i.e. a range is worth showing. */
    boolean spread() {
        return n > 1 && min != max;
    }
}
