package io.concbench.harness.result;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * A latency distribution: the percentiles a reader looks at first, and the whole HdrHistogram
 * (values in nanoseconds) so that results from several runs or hosts can be merged exactly.
 *
 * <p>Every figure but the count may be null: not measured. The built-in client fills all of them
 * (none when it recorded nothing); an external tool fills only what it prints: wrk the mean, p50,
 * p90, p99 and max, h2load the min, mean and max. A reader shows null as absent, never as 0.
 * Result files written before these figures could be absent have every one as a number and read
 * the same as before.
 *
 * @param count recorded values
 * @param minNanos smallest value; null when not measured
 * @param meanNanos mean; null when not measured
 * @param p50Nanos 50th percentile; null when not measured
 * @param p90Nanos 90th percentile; null when not measured
 * @param p99Nanos 99th percentile; null when not measured
 * @param p999Nanos 99.9th percentile; null when not measured
 * @param p9999Nanos 99.99th percentile; null when not measured
 * @param maxNanos largest value; null when not measured
 * @param histogram the HdrHistogram in its compressed encoding
 *                  ({@link AbstractHistogram#encodeIntoCompressedByteBuffer}), Base64; decode with
 *                  {@link #decodeHistogram()}; null (or empty in older files) when the tool kept none
 */
public record LatencySummary(long count, Long minNanos, Double meanNanos, Long p50Nanos, Long p90Nanos,
                             Long p99Nanos, Long p999Nanos, Long p9999Nanos, Long maxNanos, String histogram) {

    /**
     * The summary of {@code h}, which must hold nanoseconds: every figure, or only the count (0) when
     * {@code h} is empty, since an empty histogram has no percentiles. Not thread-safe with writers of {@code h}.
     */
    public static LatencySummary of(AbstractHistogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buf);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), length));
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, null, null, null, null, null, null, null, null, encoded);
        }
        return new LatencySummary(h.getTotalCount(), h.getMinValue(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), encoded);
    }

    /** Whether the full histogram was kept ({@link #decodeHistogram()} works). */
    public boolean hasHistogram() {
        return histogram != null && !histogram.isEmpty();
    }

    /** The full histogram back, e.g. to merge several results with {@link Histogram#add}. */
    public Histogram decodeHistogram() {
        if (!hasHistogram()) {
            throw new IllegalStateException("this latency summary has no histogram (an external tool's, which prints figures only)");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("latency histogram is not a valid compressed HdrHistogram: " + e.getMessage(), e);
        }
    }
}
