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
 * @param count recorded values
 * @param minNanos smallest value
 * @param meanNanos mean
 * @param p50Nanos 50th percentile
 * @param p90Nanos 90th percentile
 * @param p99Nanos 99th percentile
 * @param p999Nanos 99.9th percentile
 * @param p9999Nanos 99.99th percentile
 * @param maxNanos largest value
 * @param histogram the HdrHistogram in its compressed encoding
 *                  ({@link AbstractHistogram#encodeIntoCompressedByteBuffer}), Base64; decode with
 *                  {@link #decodeHistogram()}
 */
public record LatencySummary(long count, long minNanos, double meanNanos, long p50Nanos, long p90Nanos,
                             long p99Nanos, long p999Nanos, long p9999Nanos, long maxNanos, String histogram) {

    /** The summary of {@code h}, which must hold nanoseconds. Not thread-safe with writers of {@code h}. */
    public static LatencySummary of(AbstractHistogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buf);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), length));
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, encoded);
        }
        return new LatencySummary(h.getTotalCount(), h.getMinValue(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), encoded);
    }

    /** The full histogram back, e.g. to merge several results with {@link Histogram#add}. */
    public Histogram decodeHistogram() {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("latency histogram is not a valid compressed HdrHistogram: " + e.getMessage(), e);
        }
    }
}
