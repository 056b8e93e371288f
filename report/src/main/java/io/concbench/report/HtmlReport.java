package io.concbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@value #FILE}: one page that opens from disk with no network. It is summary.md rendered as HTML,
 * with an interactive chart (uPlot, inlined) where summary.md links an SVG: the latency spectrum
 * with corrected and uncorrected series per model, req/s and p99 second by second per run, req/s
 * against connections, and memory per connection as bars. The data the charts draw is inlined as
 * JSON; links point at each run's JSON file. Deterministic: the same runs give the same bytes.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    private static final String RESOURCES = "/io/concbench/report/";
    /** The spectrum's points: 1/(1-p) from 1 to 10^5 (p99.999), ten a decade. */
    private static final int SPECTRUM_STEPS_PER_DECADE = 10;
    private static final int SPECTRUM_DECADES = 5;
    private static final double NANOS_PER_MILLI = 1e6;

    private HtmlReport() {}

    /**
     * The page for {@code runs}; links to run files point into {@code runDirs} relative to
     * {@code outDir}, the directory the page will be written to.
     */
    static String render(Matrix m, String markdown, Path outDir, List<Path> runDirs) throws IOException {
        Map<String, String> links = runFiles(outDir, runDirs);
        ObjectNode data = Json.MAPPER.createObjectNode();
        ObjectNode charts = data.putObject("charts");
        for (Matrix.LoadKey k : m.load.keySet()) {
            String id = stem(Charts.latencyFile(m, k));
            charts.set(id, spectrum(m, k));
            charts.set("time-" + id, timeline(m, k));
        }
        for (Map.Entry<Matrix.SeriesKey, List<Matrix.LoadKey>> e : m.series().entrySet()) {
            charts.set(stem(Charts.throughputFile(m, e.getValue().get(0))), throughput(m, e.getValue()));
        }
        StringBuilder files = new StringBuilder("<ul class=\"runs\">\n");
        for (RunResult r : m.runs) {
            String name = MdHtml.escape(label(r) + (r.ok() ? "" : " (failed)"));
            String href = links.get(key(r));
            files.append("<li>").append(href == null ? name
                    : "<a href=\"" + MdHtml.escape(href) + "\">" + name + "</a>").append("</li>\n");
        }
        files.append("</ul>\n");
        String body = MdHtml.render(markdown, (alt, link) -> chartHtml(m, alt, link));
        String json = Json.MAPPER.writeValueAsString(data).replace("</", "<\\/");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>concbench report</title>
                <style>
                """ + resource("uplot/uPlot.min.css") + resource("report.css") + """
                </style>
                </head>
                <body>
                <main>
                """ + body + """
                <h2>Run files</h2>
                """ + files + """
                <p class="small">Charts drawn with uPlot (MIT licence), inlined: this page fetches nothing.</p>
                </main>
                <script id="data" type="application/json">""" + json + """
                </script>
                <script>
                """ + resource("uplot/uPlot.iife.min.js") + "\n</script>\n<script>\n" + resource("report.js") + """
                </script>
                </body>
                </html>
                """;
    }

    /** What replaces an image line of summary.md: the chart's mount point, or for memory the bars themselves. */
    private static String chartHtml(Matrix m, String alt, String link) {
        String id = stem(link.substring(link.lastIndexOf('/') + 1));
        if (id.equals(stem(Charts.MEMORY_FILE))) {
            return MemoryBars.render(m);
        }
        String part = "";
        if (id.startsWith("p99-")) {                      // drawn from the req/s-vs-connections data
            id = "throughput-" + id.substring("p99-".length());
            part = " data-part=\"p99\"";
        }
        String chart = "<figure class=\"chart\" data-chart=\"" + MdHtml.escape(id) + "\"" + part + "><figcaption>"
                + MdHtml.escape(alt) + "</figcaption></figure>";
        if (id.startsWith("latency-")) {
            chart += "\n<figure class=\"chart\" data-chart=\"time-" + MdHtml.escape(id) + "\" data-part=\"rps\"><figcaption>"
                    + "req/s per second, every run (warm-up shaded)</figcaption></figure>"
                    + "\n<figure class=\"chart\" data-chart=\"time-" + MdHtml.escape(id) + "\" data-part=\"p99\"><figcaption>"
                    + "p99 per second, every run (warm-up: not measured)</figcaption></figure>";
        }
        return "<div class=\"charts\">" + chart + "</div>";
    }

    /** Corrected and uncorrected latency by percentile, per model, on 1/(1-p). */
    private static ObjectNode spectrum(Matrix m, Matrix.LoadKey k) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("kind", "latency");
        c.put("open", k.open());
        ArrayNode x = c.putArray("x");
        int points = SPECTRUM_STEPS_PER_DECADE * SPECTRUM_DECADES + 1;
        for (int i = 0; i < points; i++) {
            x.add(round(Math.pow(10, (double) i / SPECTRUM_STEPS_PER_DECADE)));
        }
        ArrayNode series = c.putArray("series");
        for (ModelRuns runs : m.load.get(k).values()) {
            Optional<Histogram> corrected = runs.pooledLatency();
            if (corrected.isEmpty()) {
                continue;
            }
            ObjectNode s = series.addObject();
            s.put("model", runs.model);
            s.put("colour", Charts.colour(m, runs.model));
            s.set("corrected", percentiles(corrected.get(), x));
            runs.pooledUncorrectedLatency().ifPresent(h -> s.set("uncorrected", percentiles(h, x)));
        }
        return c;
    }

    /** Latency in ms at each 1/(1-p) of {@code x}; null beyond what the sample count resolves. */
    private static ArrayNode percentiles(Histogram h, ArrayNode x) {
        ArrayNode ys = Json.MAPPER.createArrayNode();
        for (JsonNode xi : x) {
            double inverse = xi.asDouble();
            if (inverse > h.getTotalCount()) {
                ys.addNull();
            } else {
                ys.add(round(h.getValueAtPercentile(100 * (1 - 1 / inverse)) / NANOS_PER_MILLI));
            }
        }
        return ys;
    }

    /** req/s and p99 second by second, one series per run, on the seconds any run recorded. */
    private static ObjectNode timeline(Matrix m, Matrix.LoadKey k) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("kind", "time");
        List<RunResult> runs = new ArrayList<>();
        TreeSet<Integer> seconds = new TreeSet<>();
        for (ModelRuns mr : m.load.get(k).values()) {
            for (RunResult r : mr.ok) {
                List<LoadResult.Interval> iv = r.load() == null ? null : r.load().intervals();
                if (iv != null && !iv.isEmpty()) {
                    runs.add(r);
                    iv.forEach(i -> seconds.add(i.second()));
                }
            }
        }
        ArrayNode x = c.putArray("x");
        seconds.forEach(x::add);
        ArrayNode series = c.putArray("series");
        for (RunResult r : runs) {
            Map<Integer, LoadResult.Interval> bySecond = new HashMap<>();
            r.load().intervals().forEach(i -> bySecond.put(i.second(), i));
            ObjectNode s = series.addObject();
            s.put("label", r.model() + " r" + r.repeat());
            s.put("colour", Charts.colour(m, r.model()));
            ArrayNode rps = s.putArray("rps");
            ArrayNode p99 = s.putArray("p99");
            for (int sec : seconds) {
                LoadResult.Interval i = bySecond.get(sec);
                if (i == null) {
                    rps.addNull();
                    p99.addNull();
                } else {
                    rps.add(round(i.requestsPerSecond()));
                    if (i.p99Nanos() == null) {
                        p99.addNull();
                    } else {
                        p99.add(round(i.p99Nanos() / NANOS_PER_MILLI));
                    }
                }
            }
        }
        return c;
    }

    /** Median req/s against connections, per model. */
    private static ObjectNode throughput(Matrix m, List<Matrix.LoadKey> keys) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("kind", "throughput");
        ArrayNode x = c.putArray("x");
        keys.forEach(k -> x.add(k.connections()));
        ArrayNode series = c.putArray("series");
        for (String model : m.models) {
            if (keys.stream().noneMatch(k -> m.load.get(k).containsKey(model))) {
                continue;
            }
            ObjectNode s = series.addObject();
            s.put("model", model);
            s.put("colour", Charts.colour(m, model));
            ArrayNode y = s.putArray("rps");
            ArrayNode p99 = s.putArray("p99");                 // milliseconds, as the other latency series
            for (Matrix.LoadKey k : keys) {
                ModelRuns runs = m.load.get(k).get(model);
                Stat st = runs == null ? Stat.EMPTY : runs.stat(Metric.REQUESTS_PER_SECOND);
                Stat lat = runs == null ? Stat.EMPTY : runs.stat(Metric.P99_NANOS);
                if (st.isEmpty()) {
                    y.addNull();
                } else {
                    y.add(round(st.median()));
                }
                if (lat.isEmpty()) {
                    p99.addNull();
                } else {
                    p99.add(round(lat.median() / NANOS_PER_MILLI));
                }
            }
        }
        return c;
    }

    /** Three significant digits are all a chart shows, and keep the page small. */
    private static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    static String label(RunResult r) {
        return r.model() + " " + r.workload() + " " + r.connections() + "c" + (r.rate() > 0 ? " " + Units.raw(r.rate()) + "rps" : "")
                + " r" + r.repeat() + (Matrix.isCrossCheck(r) ? " " + r.environment().driver() : "");
    }

    private static String key(RunResult r) {
        return label(r) + "|" + r.startedAt();
    }

    /** Run key to the path of its JSON file relative to {@code outDir}, for every run file in {@code dirs}. */
    private static Map<String, String> runFiles(Path outDir, List<Path> dirs) throws IOException {
        Map<String, String> links = new HashMap<>();
        Path base = outDir.toAbsolutePath().normalize();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            for (Path f : files) {
                try {
                    RunResult r = Reports.readRun(f);
                    if (r != null) {
                        links.putIfAbsent(key(r), base.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'));
                    }
                } catch (IllegalArgumentException notARun) {
                    // a file that is not a run result gets no link; the run still shows
                }
            }
        }
        return links;
    }

    private static String stem(String file) {
        return file.endsWith(".svg") ? file.substring(0, file.length() - 4) : file;
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
