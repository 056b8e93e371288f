package io.concbench.report;

import io.concbench.harness.result.AtomicFiles;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact merge of HdrHistogram interval logs ({@code .hlog}) from several load-generator hosts: the
 * multi-host path of DESIGN.md. Adding histograms loses nothing (unlike averaging percentiles), so
 * the merged p99 is the p99 of every request any host sent.
 *
 * <p>Intervals are aligned on wall-clock seconds: each host's interval is filed under the second its
 * start falls in, and the merged log has one interval per second (per tag) holding the sum of the
 * hosts' intervals for that second. Hosts' clocks should be synchronised (NTP) for the per-second
 * view to mean something; the total does not depend on it. Tagged intervals (e.g. corrected and
 * uncorrected latency in one file) are merged per tag, never with each other.
 */
public final class HlogMerge {

    private static final long MILLIS_PER_SECOND = 1000;
    /** Percentiles printed for each total. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String UNTAGGED = "";

    private HlogMerge() {}

    /**
     * The result of a merge.
     *
     * @param inputs the logs read, in the order given
     * @param intervalsRead interval histograms read from each input, same order
     * @param intervals the merged log: one histogram per (second, tag), in time order, with start and
     *                  end timestamps (epoch milliseconds) and the tag set
     * @param totals every interval of every input added up, per tag ({@code ""} for untagged intervals)
     */
    public record Merged(List<Path> inputs, List<Integer> intervalsRead, List<Histogram> intervals,
                         Map<String, Histogram> totals) {

        public Merged {
            inputs = List.copyOf(inputs);
            intervalsRead = List.copyOf(intervalsRead);
            intervals = List.copyOf(intervals);
            totals = Collections.unmodifiableMap(new LinkedHashMap<>(totals));
        }

        /** The total of untagged intervals, or of the only tag there is; for a log with several tags use {@link #totals}. */
        public Histogram total() {
            Histogram h = totals.get(UNTAGGED);
            return h != null || totals.isEmpty() ? h : totals.values().iterator().next();
        }

        /** What was merged and each total's count and percentiles (values read as nanoseconds, as concbench load records them). */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append("merged ").append(inputs.size()).append(inputs.size() == 1 ? " log: " : " logs: ");
            for (int i = 0; i < inputs.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(inputs.get(i)).append(" (").append(intervalsRead.get(i)).append(" intervals)");
            }
            b.append('\n').append("into ").append(intervals.size()).append(" intervals, one per second")
                    .append(totals.size() > 1 ? " and tag" : "").append('\n');
            for (Map.Entry<String, Histogram> e : totals.entrySet()) {
                Histogram h = e.getValue();
                b.append(e.getKey().isEmpty() ? "total" : "tag " + e.getKey())
                        .append(": count ").append(Units.grouped(h.getTotalCount()));
                for (double p : PERCENTILES) {
                    b.append(", p").append(trim(p)).append(' ')
                            .append(Units.nanos(h.getValueAtPercentile(p)));
                }
                b.append(", max ").append(Units.nanos(h.getMaxValue())).append('\n');
            }
            return b.toString();
        }

        private static String trim(double p) {
            return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        }
    }

    /**
     * Reads every interval of every log and adds them up.
     *
     * @throws IllegalArgumentException naming the file, when a log is missing, unreadable, holds no
     *         interval, or holds floating-point (DoubleHistogram) intervals
     */
    public static Merged merge(List<Path> logs) throws IOException {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no .hlog file given; name the interval logs of each load-generator host");
        }
        // second -> tag -> the hosts' intervals starting in that second
        TreeMap<Long, TreeMap<String, List<Histogram>>> bySecond = new TreeMap<>();
        Map<String, List<Histogram>> byTag = new TreeMap<>();
        List<Integer> counts = new ArrayList<>();
        for (Path log : logs) {
            List<Histogram> intervals = read(log);
            counts.add(intervals.size());
            for (Histogram h : intervals) {
                String tag = h.getTag() == null ? UNTAGGED : h.getTag();
                long second = Math.floorDiv(h.getStartTimeStamp(), MILLIS_PER_SECOND);
                bySecond.computeIfAbsent(second, s -> new TreeMap<>()).computeIfAbsent(tag, t -> new ArrayList<>()).add(h);
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(h);
            }
        }
        List<Histogram> merged = new ArrayList<>();
        for (Map.Entry<Long, TreeMap<String, List<Histogram>>> s : bySecond.entrySet()) {
            for (Map.Entry<String, List<Histogram>> t : s.getValue().entrySet()) {
                long start = s.getKey() * MILLIS_PER_SECOND;
                long length = t.getValue().stream().mapToLong(h -> h.getEndTimeStamp() - h.getStartTimeStamp()).max().orElse(0);
                merged.add(stamped(Histograms.sum(t.getValue()), t.getKey(), start, start + Math.max(length, MILLIS_PER_SECOND)));
            }
        }
        Map<String, Histogram> totals = new LinkedHashMap<>();
        for (Map.Entry<String, List<Histogram>> t : byTag.entrySet()) {
            List<Histogram> parts = t.getValue();
            totals.put(t.getKey(), stamped(Histograms.sum(parts), t.getKey(),
                    parts.stream().mapToLong(AbstractHistogram::getStartTimeStamp).min().orElse(0),
                    parts.stream().mapToLong(AbstractHistogram::getEndTimeStamp).max().orElse(0)));
        }
        return new Merged(logs, counts, merged, totals);
    }

    /** Writes the merged interval log to {@code out}, atomically; HistogramLogReader and HdrHistogram's plotters read it. */
    public static void write(Merged m, Path out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("concbench report --hlog: exact per-second sum of " + m.inputs().size() + " interval logs");
            w.outputLogFormatVersion();
            long base = m.intervals().isEmpty() ? 0 : m.intervals().get(0).getStartTimeStamp();
            w.outputStartTime(base);
            w.setBaseTime(base);
            w.outputBaseTime(base);
            w.outputLegend();
            for (Histogram h : m.intervals()) {
                w.outputIntervalHistogram(h);
            }
        }
        AtomicFiles.write(out, bytes.toByteArray());
    }

    private static Histogram stamped(Histogram h, String tag, long startMillis, long endMillis) {
        h.setTag(tag.isEmpty() ? null : tag);
        h.setStartTimeStamp(startMillis);
        h.setEndTimeStamp(endMillis);
        return h;
    }

    /** Every interval of one log; fails rather than return a silently truncated log. */
    static List<Histogram> read(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            throw new IllegalArgumentException(log + ": no such file; give the .hlog files written by concbench load --hlog");
        }
        long expected = intervalLines(log);
        List<Histogram> out = new ArrayList<>();
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(log.toFile());
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(log + ": cannot be opened (" + e.getMessage() + "); check its permissions");
        }
        try (reader) {
            EncodableHistogram e;
            while ((e = next(reader, log, out.size() + 1, expected)) != null) {
                if (!(e instanceof Histogram h)) {
                    throw new IllegalArgumentException(log + ": holds floating-point (DoubleHistogram) intervals; "
                            + "concbench report merges the integer nanosecond logs that concbench load --hlog writes");
                }
                out.add(h);
            }
        }
        // HistogramLogReader stops at the first line it cannot parse and says nothing: count lines ourselves.
        if (out.size() < expected) {
            throw new IllegalArgumentException(log + ": interval " + (out.size() + 1) + " of " + expected
                    + " is not a valid HdrHistogram interval line; the file is damaged or not an .hlog");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(log + ": no interval histogram in it; is it an .hlog written by concbench load --hlog?");
        }
        return out;
    }

    private static EncodableHistogram next(HistogramLogReader reader, Path log, int interval, long expected) {
        try {
            return reader.nextIntervalHistogram();
        } catch (RuntimeException e) {                    // e.g. a payload that is not Base64
            throw new IllegalArgumentException(log + ": interval " + interval + " of " + expected
                    + " is not a valid HdrHistogram interval line (" + e.getMessage() + "); the file is damaged or not an .hlog");
        }
    }

    /** Lines that are neither blank, comments nor the legend: each should be one interval. */
    private static long intervalLines(Path log) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("\"StartTimestamp\""))
                    .count();
        }
    }
}
