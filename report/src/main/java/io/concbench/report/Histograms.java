package io.concbench.report;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.util.List;

/** Exact sums of HdrHistograms. */
final class Histograms {

    /** HdrHistogram's usual precision, for a sum of nothing. */
    static final int DEFAULT_DIGITS = 3;

    private Histograms() {}

    /**
     * The sum of {@code parts}: every count lands in the bucket it had, because the sum keeps the
     * finest precision among the parts and resizes to the largest value.
     */
    static Histogram sum(List<? extends AbstractHistogram> parts) {
        int digits = parts.stream().mapToInt(AbstractHistogram::getNumberOfSignificantValueDigits).max().orElse(DEFAULT_DIGITS);
        Histogram total = new Histogram(digits);           // auto-resizing
        for (AbstractHistogram p : parts) {
            total.add(p);
        }
        return total;
    }
}
