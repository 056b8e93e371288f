package io.concbench.report;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HlogMergeTest {

    private static final long START_MILLIS = 1_764_257_400_000L;
    private static final int SECONDS = 10;

    @TempDir
    Path tmp;

    /** Two hosts, started 300 ms and 700 ms into the same second, with different latency distributions. */
    @Test
    void mergeOfTwoHostsIsTheExactSumOfTheirIntervals() throws Exception {
        List<Histogram> a = intervals(1, 1_000, 300, null);
        List<Histogram> b = intervals(2, 50_000, 700, null);
        Path la = write(tmp.resolve("host-a.hlog"), a);
        Path lb = write(tmp.resolve("host-b.hlog"), b);

        HlogMerge.Merged m = HlogMerge.merge(List.of(la, lb));

        Histogram expected = new Histogram(3);
        a.forEach(expected::add);
        b.forEach(expected::add);
        Histogram total = m.total();
        assertEquals(expected.getTotalCount(), total.getTotalCount());
        assertEquals(expected.getMaxValue(), total.getMaxValue());
        assertEquals(expected.getValueAtPercentile(99.99), total.getValueAtPercentile(99.99));
        assertEquals(expected, total);                                 // every bucket
        assertEquals(List.of(SECONDS, SECONDS), m.intervalsRead());
        assertEquals(SECONDS, m.intervals().size());                   // aligned on whole seconds
        for (int s = 0; s < SECONDS; s++) {
            Histogram second = m.intervals().get(s);
            assertEquals(a.get(s).getTotalCount() + b.get(s).getTotalCount(), second.getTotalCount());
            assertEquals(START_MILLIS + s * 1000L, second.getStartTimeStamp());
        }
        String text = m.describe();
        assertTrue(text.contains("count " + String.format(java.util.Locale.ROOT, "%,d", expected.getTotalCount())), text);
        assertTrue(text.contains("p99.99 ") && text.contains("max "), text);
    }

    @Test
    void mergedLogReadsBackToTheSameTotal() throws Exception {
        Path la = write(tmp.resolve("a.hlog"), intervals(3, 2_000, 0, null));
        Path lb = write(tmp.resolve("b.hlog"), intervals(4, 3_000, 500, null));
        HlogMerge.Merged m = HlogMerge.merge(List.of(la, lb));
        Path out = tmp.resolve("merged.hlog");
        HlogMerge.write(m, out);

        Histogram back = new Histogram(3);
        int n = 0;
        try (HistogramLogReader r = new HistogramLogReader(out.toFile())) {
            EncodableHistogram e;
            while ((e = r.nextIntervalHistogram()) != null) {
                back.add((Histogram) e);
                n++;
            }
        }
        assertEquals(m.intervals().size(), n);
        assertEquals(m.total(), back);
        assertEquals(HlogMerge.merge(List.of(la, lb)).total(), HlogMerge.merge(List.of(out)).total());
    }

    @Test
    void taggedIntervalsAreMergedPerTag() throws Exception {
        List<Histogram> both = new ArrayList<>(intervals(5, 1_000, 0, "corrected"));
        both.addAll(intervals(6, 1_000, 0, "uncorrected"));
        both.sort(java.util.Comparator.comparingLong(Histogram::getStartTimeStamp));
        Path log = write(tmp.resolve("tagged.hlog"), both);
        HlogMerge.Merged m = HlogMerge.merge(List.of(log, log));
        assertEquals(List.of("corrected", "uncorrected"), List.copyOf(m.totals().keySet()));
        long corrected = both.stream().filter(h -> "corrected".equals(h.getTag())).mapToLong(Histogram::getTotalCount).sum();
        assertEquals(2 * corrected, m.totals().get("corrected").getTotalCount());
        assertEquals(2 * SECONDS, m.intervals().size());
        assertEquals("corrected", m.total().getTag());
        assertNull(m.totals().get(""));
    }

    @Test
    void unreadableLogsAreUserErrorsNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.hlog");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HlogMerge.merge(List.of(missing)));
        assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());

        Path text = Files.writeString(tmp.resolve("notes.hlog"), "hello world\n");
        e = assertThrows(IllegalArgumentException.class, () -> HlogMerge.merge(List.of(text)));
        assertTrue(e.getMessage().startsWith(text + ": interval 1 of 1 is not a valid"), e.getMessage());

        Path good = write(tmp.resolve("good.hlog"), intervals(7, 1_000, 0, null));
        List<String> lines = new ArrayList<>(Files.readAllLines(good));
        lines.set(lines.size() - 3, "1.000,1.000,2.0,AAAA-not-base64!");
        Path damaged = Files.write(tmp.resolve("damaged.hlog"), lines);
        e = assertThrows(IllegalArgumentException.class, () -> HlogMerge.merge(List.of(good, damaged)));
        assertTrue(e.getMessage().startsWith(damaged + ": interval " + (SECONDS - 2) + " of " + SECONDS), e.getMessage());

        Path commentsOnly = Files.writeString(tmp.resolve("empty.hlog"), "#[StartTime: 1.0]\n");
        e = assertThrows(IllegalArgumentException.class, () -> HlogMerge.merge(List.of(commentsOnly)));
        assertTrue(e.getMessage().startsWith(commentsOnly + ": no interval histogram"), e.getMessage());
    }

    /** One-second intervals from {@link #START_MILLIS} + {@code offsetMillis}, random values around {@code typicalNanos}. */
    static List<Histogram> intervals(long seed, long typicalNanos, long offsetMillis, String tag) {
        Random rnd = new Random(seed);
        List<Histogram> out = new ArrayList<>();
        for (int s = 0; s < SECONDS; s++) {
            Histogram h = new Histogram(3);
            int n = 500 + rnd.nextInt(500);
            for (int i = 0; i < n; i++) {
                h.recordValue(typicalNanos + (long) (Math.abs(rnd.nextGaussian()) * typicalNanos));
            }
            h.recordValue(typicalNanos * (100 + rnd.nextInt(100)));        // an outlier per second
            h.setStartTimeStamp(START_MILLIS + offsetMillis + s * 1000L);
            h.setEndTimeStamp(START_MILLIS + offsetMillis + (s + 1) * 1000L);
            h.setTag(tag);
            out.add(h);
        }
        return out;
    }

    static Path write(Path file, List<Histogram> intervals) throws Exception {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            long base = intervals.get(0).getStartTimeStamp();
            w.outputLogFormatVersion();
            w.outputStartTime(base);
            w.setBaseTime(base);
            w.outputBaseTime(base);
            w.outputLegend();
            for (Histogram h : intervals) {
                w.outputIntervalHistogram(h);
            }
        }
        return file;
    }
}
