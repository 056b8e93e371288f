package io.concbench.report;

import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.concbench.report.ReportsTest.parse;
import static io.concbench.report.ReportsTest.parseCsv;
import static io.concbench.report.ReportsTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A figure not measured is "–" and never 0; a memory figure inside its noise band is "≈ 0 (±X)". */
class AbsenceAndNoiseTest {

    /** What wrk --latency prints: mean, p50, p90, p99, max; no min, no p99.9. */
    private static final LatencySummary WRK = new LatencySummary(1000, null, 3_600_000.0, 1_240_000L, 10_070_000L,
            25_920_000L, null, null, 34_670_000L, null);
    /** What h2load prints: min, mean, max; no percentile. */
    private static final LatencySummary H2LOAD = new LatencySummary(962, 369_000L, 2_020_000.0, null, null, null, null, null,
            25_370_000L, null);

    private static List<RunResult> external() {
        return List.of(Fixtures.external("threadpool", "wrk", 100, 0, WRK), Fixtures.external("virtual", "h2load", 100, 1, H2LOAD));
    }

    @Test
    void percentilesATooldoesNotPrintAreDashesInMarkdown() {
        String md = Reports.markdown(external());
        // model | req/s | p50 | p99 | p99.9 | p99 uncorr. | ...
        String[] wrk = row(md, "### plaintext", "threadpool").split("\\|");
        assertEquals("1.24 ms", wrk[3].trim());
        assertEquals("25.9 ms", wrk[4].trim());
        assertEquals(Units.NONE, wrk[5].trim());                                     // wrk prints no p99.9
        String[] h2 = row(md, "### plaintext", "virtual").split("\\|");
        assertEquals(Units.NONE, h2[3].trim());
        assertEquals(Units.NONE, h2[4].trim());
        assertEquals(Units.NONE, h2[5].trim());
        assertEquals(Units.NONE, h2[6].trim());
        assertFalse(md.contains("0 ns"), md);
    }

    @Test
    void percentilesATooldoesNotPrintAreEmptyInCsv() {
        List<List<String>> csv = parseCsv(Reports.csv(external()));
        List<String> header = csv.get(0);
        List<String> wrk = csv.get(1);
        List<String> h2 = csv.get(2);
        assertEquals("1240000", wrk.get(header.indexOf("p50_ns_median")));
        assertEquals("34670000", wrk.get(header.indexOf("max_ns_median")));
        assertEquals("", wrk.get(header.indexOf("p999_ns_median")));
        assertEquals("", h2.get(header.indexOf("p50_ns_median")));
        assertEquals("", h2.get(header.indexOf("p99_ns_median")));
        assertEquals("25370000", h2.get(header.indexOf("max_ns_median")));
        assertEquals("", h2.get(header.indexOf("pooled_p50_ns")));                    // no histogram to pool
    }

    @Test
    void theLatencyChartDrawsOnlyThePrintedFiguresAsPoints() throws Exception {
        String svg = Reports.charts(external()).get("latency-plaintext-100c.svg");
        Document d = parse(svg);
        assertEquals(0, d.getElementsByTagName("polyline").getLength(), "no histogram, no spectrum line");
        assertEquals(4, circles(d, "threadpool"), "wrk: p50, p90, p99, max");
        assertEquals(2, circles(d, "virtual"), "h2load: min, max");
        assertTrue(svg.contains("threadpool (wrk: printed figures only)"), svg);
        assertFalse(svg.contains("every run failed"), svg);
        // No point sits on the zero line: the lowest is wrk's p50 or h2load's min, both above 0.
        double zeroY = Double.NEGATIVE_INFINITY;
        NodeList all = d.getElementsByTagName("circle");
        for (int i = 0; i < all.getLength(); i++) {
            zeroY = Math.max(zeroY, Double.parseDouble(((Element) all.item(i)).getAttribute("cy")));
        }
        assertTrue(zeroY < Plot.MARGIN_TOP + (Plot.HEIGHT - Plot.MARGIN_TOP - Plot.MARGIN_BOTTOM) - 1, "lowest point " + zeroY);
    }

    private static int circles(Document d, String model) {
        NodeList groups = d.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (model.equals(g.getAttribute("data-model"))) {
                return g.getElementsByTagName("circle").getLength();
            }
        }
        return -1;
    }

    // ---- memory noise -------------------------------------------------------------------------------

    /**
     * threadpool as in results/compare/2026-11-27T17-12-46Z (held 200 of 10,000, heap 472 KiB smaller)
     * but with a band of 600,000 B: inside. RSS 72 MiB larger against 1 MiB: outside. Sockets unchanged.
     * multiprocess: heap outside, sockets 100 pages smaller against one page: a fall, so noise of that width.
     */
    private static List<RunResult> memory() {
        return List.of(
                Fixtures.memoryWithNoise("threadpool", 10_000, 200, 0, -483_712, 600_000, 75_853_824, 1 << 20, 0),
                Fixtures.memoryWithNoise("multiprocess", 10_000, 10_000, 1, 8_093_008, 100_000, 16_363_520, 8192, -409_600),
                Fixtures.memory("virtual", 10_000, 10_000, 2, -1500, 5000));
    }

    @Test
    void aDeltaInsideTheBandIsApproximatelyZeroAndOutsideIsTheFigure() {
        String md = Reports.markdown(memory());
        String[] tp = row(md, "## Memory", "threadpool").split("\\|");
        assertEquals("10,000 / 200", tp[2].trim());
        assertEquals("≈ 0 (±2.93 KiB) (held 200 of 10,000)", tp[3].trim());          // 600,000 B / 200 held
        assertEquals("370 KiB (held 200 of 10,000)", tp[4].trim());                    // 75,853,824 / 200
        assertEquals(Units.NONE, tp[5].trim());                                        // NMT off: absent, no note
        assertEquals("≈ 0 (±20.5 B) (held 200 of 10,000)", tp[7].trim());            // one page / 200
        String[] mp = row(md, "## Memory", "multiprocess").split("\\|");
        assertEquals("809 B", mp[3].trim());
        assertEquals("≈ 0 (±41.0 B)", mp[7].trim());                                   // a fall: noise at least as wide as itself
        assertTrue(md.contains("≈ 0 (±X): the total change lies within"), md);
        assertTrue(md.contains("(held N of M): fewer connections were held"), md);
    }

    @Test
    void filesWithoutABandRenderTheirFiguresWithNoClaimOfNoise() {
        String md = Reports.markdown(List.of(Fixtures.memory("virtual", 10_000, 10_000, 0, -1500, 5000)));
        String[] v = row(md, "## Memory", "virtual").split("\\|");
        assertEquals("≈ 0 (±1.46 KiB)", v[3].trim());                                  // a fall is never a negative cost
        assertEquals("4.88 KiB", v[4].trim());                                         // no band: the figure, no claim of noise
        assertTrue(md.contains("a figure that fell reads ≈ 0 with the fall as its band"), md);
        assertFalse(md.contains("held N of M"), md);
        List<List<String>> csv = parseCsv(Reports.csv(List.of(Fixtures.memory("virtual", 10_000, 10_000, 0, -1500, 5000))));
        assertEquals("", csv.get(1).get(csv.get(0).indexOf("heap_noise_bytes_per_connection_median")));
    }

    @Test
    void csvKeepsTheRawFigureAndItsBandPerConnection() {
        List<List<String>> csv = parseCsv(Reports.csv(memory()));
        List<String> header = csv.get(0);
        List<String> tp = csv.stream().filter(r -> r.get(0).equals("threadpool")).findFirst().orElseThrow();
        assertEquals("-2418.56", tp.get(header.indexOf("heap_bytes_per_connection_median")));
        assertEquals("3000", tp.get(header.indexOf("heap_noise_bytes_per_connection_median")));
        assertEquals("5242.88", tp.get(header.indexOf("rss_noise_bytes_per_connection_median")));
        assertEquals("20.48", tp.get(header.indexOf("kernel_socket_noise_bytes_per_connection_median")));
        assertEquals("", tp.get(header.indexOf("nmt_committed_noise_bytes_per_connection_median")));
    }

    @Test
    void theMemoryChartDrawsWithinNoiseBarsHollowAndSaysSo() throws Exception {
        Map<String, String> charts = Reports.charts(memory());
        String svg = charts.get("memory.svg");
        Document d = parse(svg);
        List<Element> hollow = new ArrayList<>();
        NodeList rects = d.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if ("within-noise".equals(r.getAttribute("class"))) {
                hollow.add(r);
            }
        }
        assertEquals(2, hollow.size(), "threadpool's heap (inside its band) and virtual's (a fall, drawn at zero)");
        assertEquals("none", hollow.get(0).getAttribute("fill"));
        assertEquals(0.0, Double.parseDouble(hollow.get(1).getAttribute("height")));
        assertTrue(svg.contains(">≈ 0*</text>"), svg);                                 // within noise, held fewer
        assertTrue(svg.contains("hollow, ≈ 0: within the noise band"), svg);
        assertTrue(svg.contains("* held fewer than requested"), svg);
    }
}
