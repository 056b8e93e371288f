package io.concbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * report.html opened from a file: URL in headless Chromium, networking off: report.js checks itself
 * ({@code #selftest}) and writes what it drew into the DOM, which {@code --dump-dom} hands back.
 */
class ReportHtmlInBrowserTest {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final Pattern SELFTEST = Pattern.compile("<pre id=\"selftest\">(.*?)</pre>", Pattern.DOTALL);

    /**
     * Fixtures.matrix() (two closed-loop cells at 100 connections, a memory step with a failure), plus
     * virtual at 1000 connections and an open-loop cell, all with seconds.
     */
    static List<RunResult> runs() {
        List<RunResult> runs = new ArrayList<>();
        for (RunResult r : Fixtures.matrix()) {
            runs.add(r.load() == null ? r : withSeconds(r, r.load().uncorrectedLatency(), r.rate()));
        }
        RunResult open = Fixtures.load("virtual", "plaintext", 100, 1, 40, 4000, 100_000);
        Histogram lower = new Histogram(3);
        lower.recordValueWithCount(50_000, 990);
        lower.recordValueWithCount(200_000, 10);
        runs.add(withSeconds(open, LatencySummary.of(lower), 4000));
        RunResult more = Fixtures.load("virtual", "plaintext", 1000, 1, 41, 7000, 300_000);
        runs.add(withSeconds(more, more.load().uncorrectedLatency(), 0));
        return runs;
    }

    /** The run with 2 warm-up and 3 measured seconds, its uncorrected latency and rate as given. */
    static RunResult withSeconds(RunResult r, LatencySummary uncorrected, double rate) {
        LoadResult l = r.load();
        List<LoadResult.Interval> iv = new ArrayList<>();
        for (int s = -2; s < 3; s++) {
            double rps = l.requestsPerSecond() * (s < 0 ? 0.5 : 1 + 0.1 * s);
            iv.add(new LoadResult.Interval(s, 1_000_000_000L, (long) rps, rps, s < 0 ? null : l.latency().p50Nanos(),
                    s < 0 ? null : l.latency().p99Nanos() * (s + 1), s < 0 ? null : uncorrected.p99Nanos()));
        }
        LoadResult nl = new LoadResult(l.tool(), l.url(), rate > 0 ? LoadResult.OPEN : l.mode(), l.connections(), l.threads(),
                l.pipeline(), rate, l.warmupNanos(), l.durationNanos(), l.requests(), l.requestsPerSecond(), l.sent(),
                l.sentPerSecond(), l.scheduled(), l.rateHeld(), l.inFlightAtEnd(), l.bytesRead(), l.latency(), uncorrected,
                l.errors(), l.clientCpu(), l.jvm(), l.startedAtEpochMillis(), null, null, iv, null);
        return new RunResult(r.schema(), r.model(), r.workload(), r.target(), r.connections(), rate, r.repeat(), r.ok(),
                r.failure(), r.startedAt(), r.environment(), nl, r.server(), r.serverStats(), r.memory());
    }

    @Test
    void theReportDrawsEveryChartWithoutErrorAndTogglingUncorrectedChangesWhatIsDrawn(@TempDir Path dir) throws Exception {
        Path browser = BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (browser == null) {
            System.err.println("*** ReportHtmlInBrowserTest: NO BROWSER FOUND (looked at " + BROWSERS
                    + "): report.html was NOT checked in a browser. Install Debian's chromium (scripts/test does when root). ***");
        }
        assumeTrue(browser != null, "no Chromium found at " + BROWSERS + ": report.html was not checked in a browser");
        Reports.write(runs(), dir);
        Path html = dir.resolve(HtmlReport.FILE);
        JsonNode result = selfTest(browser, html, dir);

        assertEquals(0, result.path("errors").size(), "console or script errors: " + result.path("errors"));
        // Four load cells (plaintext closed at 100 and 1000, io closed, plaintext open): a spectrum and two
        // over-time charts each; req/s and p99 against connections only where there are two connection counts.
        assertEquals(4, result.path("byKind").path("latency").asInt(), result.toString());
        assertEquals(8, result.path("byKind").path("time").asInt(), result.toString());
        assertEquals(2, result.path("byKind").path("throughput").asInt(), result.toString());
        assertEquals(14, result.path("charts").asInt(), result.toString());
        // The closed-loop plaintext spectrum: two models, each corrected and uncorrected; uncorrected hidden at first.
        assertEquals(4, result.path("series").get(0).asInt(), result.toString());
        assertEquals(2, result.path("shown").get(0).asInt(), result.toString());
        assertEquals("[\"threadpool\",\"virtual\"]", result.path("legend").toString(), "the legend keeps to the models");
        // Over time: one series per run (2 models × 3 repeats).
        assertEquals(6, result.path("series").get(1).asInt(), result.toString());
        JsonNode toggle = result.path("toggle");
        assertEquals(toggle.path("before").path("shown").asInt() + 1, toggle.path("after").path("shown").asInt(), toggle.toString());
        assertTrue(toggle.path("pixelsChanged").asBoolean(), "the uncorrected series changed no pixel: " + toggle);
    }

    @Test
    void thePageFetchesNothingAndLinksEveryRunFile(@TempDir Path dir) throws Exception {
        List<RunResult> runs = runs();
        for (RunResult r : runs) {
            Json.writeAtomically(dir.resolve(HtmlReport.label(r).replace(' ', '-') + ".json"), r);
        }
        Reports.write(Reports.read(dir), dir);
        String html = Files.readString(dir.resolve(HtmlReport.FILE));
        assertFalse(Pattern.compile("<script[^>]+src|<link |@import|url\\(\\s*['\"]?https?:").matcher(html).find(),
                "report.html must load nothing from outside");
        assertTrue(html.contains("uPlot"), "uPlot inlined");
        for (RunResult r : runs) {
            String file = HtmlReport.label(r).replace(' ', '-') + ".json";
            assertTrue(html.contains("href=\"" + file + "\""), "links " + file);
        }
        assertTrue(html.contains("Failed runs") && html.contains("server died while 512 connections were open"), "failures listed");
        assertTrue(html.length() < 1_000_000, "small: " + html.length());
    }

    @Test
    void runsWithoutSecondsStillRender(@TempDir Path dir) throws Exception {
        Reports.write(Fixtures.matrix(), dir);           // no intervals: written before load kept them
        String html = Files.readString(dir.resolve(HtmlReport.FILE));
        assertTrue(html.contains("\"kind\":\"time\""), "over-time charts announced with empty data");
    }

    /** Opens {@code html#selftest} in Chromium and returns what report.js wrote into the DOM. */
    static JsonNode selfTest(Path browser, Path html, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
        List<String> cmd = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,3000",
                "--virtual-time-budget=10000", "--dump-dom", html.toUri() + "#selftest");
        Path out = scratch.resolve("dom.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(scratch.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        Matcher m = SELFTEST.matcher(dom);
        assertTrue(m.find(), "report.js wrote no self-test result (exit " + p.exitValue() + "); stderr: "
                + Files.readString(scratch.resolve("chromium.err")).lines().limit(20).toList());
        String text = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return Json.MAPPER.readTree(text);
    }
}
