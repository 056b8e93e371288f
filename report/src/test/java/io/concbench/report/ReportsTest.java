package io.concbench.report;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {

    @TempDir
    Path tmp;

    @Test
    void markdownHasOneTablePerWorkloadWithModelRowsAndMedianRange() {
        String md = Reports.markdown(Fixtures.matrix());
        assertEquals(List.of("threadpool", "virtual"), tableModels(md, "### plaintext"), md);
        assertEquals(List.of("threadpool", "virtual"), tableModels(md, "### io"), md);
        assertEquals(2, md.lines().filter(l -> l.startsWith("### ")).count(), md);
        String threadpool = row(md, "### plaintext", "threadpool");
        assertTrue(threadpool.contains("2.00k (1.00k–3.00k)"), threadpool);       // median (min–max) req/s
        assertTrue(threadpool.contains("100 µs"), threadpool);                    // p50 of the known histogram
        assertTrue(threadpool.contains("1.00 ms"), threadpool);                   // p99.9 = 10 x base
        String virtual = row(md, "### plaintext", "virtual");
        assertTrue(virtual.contains("5.00k (5.00k–6.00k)"), virtual);
        assertTrue(virtual.contains("3 (timeout 3)"), virtual);                   // errors: total and the non-zero class
        assertTrue(virtual.contains("40.0–60.0"), virtual);                       // worker shares
        assertTrue(virtual.contains("⚠ client-bound"), virtual);                  // 190 % of 2 cores
        assertFalse(threadpool.contains("client-bound"), threadpool);
        assertTrue(md.contains("its figures describe the client, not the server"), md);
        assertTrue(md.contains("- **machine**: Test CPU @ 3.0GHz, 4 cores, kernel 6.1.0-test"), md);
        assertTrue(md.contains("- **server JDK**: 25+36"), md);
        assertTrue(md.contains("- **pinning**: server on CPU 0-1, client on CPU 2-3 (taskset)"), md);
        assertTrue(md.contains("- **date**: 2025-11-27 15:30 UTC"), md);
    }

    @Test
    void memoryTableAndFailuresCarryTheirReasons() {
        String md = Reports.markdown(Fixtures.matrix());
        assertEquals(List.of("threadpool", "virtual", "thread-per-connection"), tableModels(md, "## Memory"), md);
        String virtual = row(md, "## Memory", "virtual");
        assertTrue(virtual.contains("1,000 / 900"), virtual);
        assertTrue(virtual.contains("1.46 KiB"), virtual);                        // 1500 B/conn heap
        assertTrue(virtual.contains("4.00 KiB"), virtual);                        // NMT committed
        assertTrue(virtual.contains("capped by the open-file limit"), virtual);
        String failed = row(md, "## Memory", "thread-per-connection");
        assertTrue(failed.contains("failed") && failed.contains("server died while 512 connections were open"), failed);
        assertTrue(md.contains("## Failed runs\n\n- `thread-per-connection` memory, 1,000 connections, repeat 1: "
                + "server died while 512 connections were open\n"), md);
        assertTrue(md.contains("      OutOfMemoryError: unable to create native thread\n"), md);
    }

    @Test
    void timeToReadyIsOneRowPerModelWithMedianAndRangeAndAbsentWithoutFigures() {
        assertFalse(Reports.markdown(Fixtures.matrix()).contains("## Time to READY"), "older files have no figure");
        List<RunResult> runs = new ArrayList<>();
        long[] ms = {900, 700, 1300};
        for (int i = 0; i < ms.length; i++) {
            runs.add(Fixtures.withReady(Fixtures.load("virtual", "plaintext", 100, i + 1, i, 1000, 1_000_000), ms[i]));
        }
        runs.add(Fixtures.withReady(Fixtures.load("reactor", "plaintext", 100, 1, 3, 1000, 1_000_000), 450));
        String md = Reports.markdown(runs);
        assertEquals(List.of("virtual", "reactor"), tableModels(md, "## Time to READY"), md);
        assertTrue(row(md, "## Time to READY", "virtual").matches("\\|\\s*virtual\\s*\\|\\s*3\\s*\\|\\s*900 ms\\s*\\|\\s*700 ms – 1\\.30 s\\s*\\|"),
                row(md, "## Time to READY", "virtual"));
        assertTrue(row(md, "## Time to READY", "reactor").contains("450 ms"), md);
    }

    @Test
    void csvErrorColumnsAreTheTotalThenOnePerErrorClassInEnumOrder() {
        List<List<String>> csv = parseCsv(Reports.csv(Fixtures.matrix()));
        List<String> header = csv.get(0);
        List<String> expected = new ArrayList<>(List.of("errors_total"));
        for (ErrorClass c : ErrorClass.values()) {
            expected.add(CsvSummary.column(c));
        }
        int first = header.indexOf("errors_total");
        assertEquals(expected, header.subList(first, first + expected.size()), header.toString());
        assertEquals(expected.size(), header.stream().filter(h -> h.startsWith("errors_")).count(), header.toString());
        // Committed summary.csv files name these columns so: a label change would rename a column.
        assertEquals("errors_4xx", CsvSummary.column(ErrorClass.STATUS_4XX));
        assertEquals("errors_other_status", CsvSummary.column(ErrorClass.OTHER_STATUS));
        assertEquals("errors_closed_by_peer", CsvSummary.column(ErrorClass.CLOSED_BY_PEER));
        List<String> vt = csv.stream().filter(r -> r.get(0).equals("virtual") && r.get(1).equals("io")).findFirst().orElseThrow();
        for (ErrorClass c : ErrorClass.values()) {                                  // the fixture's 3 timeouts, nothing else
            assertEquals(c == ErrorClass.TIMEOUT ? "3" : "0", vt.get(header.indexOf(CsvSummary.column(c))), c.name());
        }
        assertEquals("3", vt.get(header.indexOf("errors_total")));
    }

    @Test
    void csvHasOneRowPerModelAndCellWithRawMedianMinMax() {
        List<List<String>> csv = parseCsv(Reports.csv(Fixtures.matrix()));
        List<String> header = csv.get(0);
        assertEquals(1 + 4 + 3, csv.size(), csv.toString());                      // 2 models x 2 workloads, 3 memory rows
        for (List<String> r : csv) {
            assertEquals(header.size(), r.size(), r.toString());
        }
        List<String> tp = csv.stream().filter(r -> r.get(0).equals("threadpool") && r.get(1).equals("plaintext")).findFirst().orElseThrow();
        assertEquals("2000", tp.get(header.indexOf("req_per_s_median")));
        assertEquals("1000", tp.get(header.indexOf("req_per_s_min")));
        assertEquals("3000", tp.get(header.indexOf("req_per_s_max")));
        assertEquals("100", tp.get(header.indexOf("connections")));
        assertEquals("closed", tp.get(header.indexOf("mode")));
        assertEquals("3", tp.get(header.indexOf("ok_runs")));
        assertEquals("3000", tp.get(header.indexOf("pooled_count")));              // three histograms of 1000 added
        assertEquals(Long.toString(Fixtures.histogram(100_000).getValueAtPercentile(99)), tp.get(header.indexOf("p99_ns_median")));
        assertEquals("", tp.get(header.indexOf("heap_bytes_per_connection_median")));
        List<String> vt = csv.stream().filter(r -> r.get(0).equals("virtual") && r.get(1).equals("io")).findFirst().orElseThrow();
        assertEquals("3", vt.get(header.indexOf("errors_timeout")));
        assertEquals("true", vt.get(header.indexOf("client_bound")));
        assertEquals("40", vt.get(header.indexOf("worker_share_min_percent_median")));
        List<String> mem = csv.stream().filter(r -> r.get(0).equals("virtual") && r.get(1).equals("memory")).findFirst().orElseThrow();
        assertEquals("1500", mem.get(header.indexOf("heap_bytes_per_connection_median")));
        assertEquals("900", mem.get(header.indexOf("connections_held_median")));
        assertEquals("", mem.get(header.indexOf("req_per_s_median")));
        List<String> tpc = csv.stream().filter(r -> r.get(0).equals("thread-per-connection")).findFirst().orElseThrow();
        assertEquals("1", tpc.get(header.indexOf("failed_runs")));
        assertTrue(tpc.get(header.indexOf("failures")).contains("OutOfMemoryError"), tpc.toString());
    }

    @Test
    void everyChartIsWellFormedSvgWithOneSeriesPerModel() throws Exception {
        Map<String, String> charts = Reports.charts(Fixtures.matrix());
        assertEquals(Set.of("latency-plaintext-100c.svg", "latency-io-100c.svg", "throughput-plaintext.svg",
                "throughput-io.svg", "p99-plaintext.svg", "p99-io.svg", "memory.svg"), charts.keySet());
        for (Map.Entry<String, String> c : charts.entrySet()) {
            Document d = parse(c.getValue());
            assertEquals("svg", d.getDocumentElement().getTagName(), c.getKey());
            Set<String> expected = c.getKey().equals("memory.svg")
                    ? Set.of("threadpool", "virtual", "thread-per-connection") : Set.of("threadpool", "virtual");
            assertEquals(expected, seriesModels(d), c.getKey());
        }
        Document latency = parse(charts.get("latency-plaintext-100c.svg"));
        NodeList lines = latency.getElementsByTagName("polyline");
        assertEquals(2, lines.getLength(), "one corrected line per model in closed loop");
        assertTrue(charts.get("latency-plaintext-100c.svg").contains(">99.999%</text>"));
        assertTrue(charts.get("latency-plaintext-100c.svg").contains(">latency (ms)</text>"));
    }

    @Test
    void textInChartsIsEscaped() throws Exception {
        List<RunResult> runs = List.of(Fixtures.load("a<b>&\"c'", "plaintext", 10, 1, 0, 100, 1000));
        for (String svg : Reports.charts(runs).values()) {
            assertEquals(Set.of("a<b>&\"c'"), seriesModels(parse(svg)));
        }
    }

    @Test
    void spectrumPutsEachNineOneUnitFurtherRight() {
        List<double[]> pts = LatencyChart.spectrum(Fixtures.histogram(1000));
        assertEquals(0, pts.get(0)[0], 1e-9);
        for (int i = 1; i < pts.size(); i++) {
            assertTrue(pts.get(i)[0] >= pts.get(i - 1)[0], "x never goes back");
        }
        double[] last = pts.get(pts.size() - 1);
        assertEquals(3, last[0], 1e-9);                       // the max of 1000 values sits at log10(1000)
        assertEquals(Fixtures.histogram(1000).getMaxValue(), last[1], 0);
    }

    @Test
    void sameRunsInAnyOrderGiveTheSameBytes() throws Exception {
        List<RunResult> shuffled = new ArrayList<>(Fixtures.matrix());
        Collections.shuffle(shuffled, new Random(42));
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String md = Reports.write(Fixtures.matrix(), a);
        Reports.write(shuffled, b);
        assertEquals(md, Files.readString(a.resolve(Reports.SUMMARY_MD)));
        assertSameFiles(a, b);
    }

    @Test
    void readingTheJsonBackReproducesTheReportByteForByte() throws Exception {
        Path runs = tmp.resolve("runs");
        for (RunResult r : Fixtures.matrix()) {
            Json.writeAtomically(runs.resolve(r.model() + "-" + r.workload() + "-" + r.connections() + "-r" + r.repeat() + ".json"), r);
        }
        Files.writeString(runs.resolve("notes.json"), "{\"hello\": 1}");          // not a run: skipped
        Files.writeString(runs.resolve(".scratch.load.json"), "{");               // compare's scratch file: skipped
        Path direct = tmp.resolve("direct");
        Path reread = tmp.resolve("reread");
        Reports.write(Fixtures.matrix(), direct);
        List<RunResult> back = Reports.read(List.of(runs, runs));                 // a directory given twice counts once
        assertEquals(Fixtures.matrix().size(), back.size());
        Reports.write(back, reread);
        assertSameFiles(direct, reread);
    }

    @Test
    void userErrorsNameTheInput() throws Exception {
        Path missing = tmp.resolve("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reports.read(List.of(missing)));
        assertTrue(e.getMessage().startsWith(missing + ": no such directory"), e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> Reports.read(List.of(empty)));
        assertTrue(e.getMessage().startsWith(empty + ": no run result in it"), e.getMessage());
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("x.json"), "{ not json");
        e = assertThrows(IllegalArgumentException.class, () -> Reports.read(List.of(bad)));
        assertTrue(e.getMessage().startsWith(bad.resolve("x.json") + ": not valid JSON"), e.getMessage());
    }

    @Test
    void noRunsStillGiveASummary() throws Exception {
        String md = Reports.write(List.of(), tmp);
        assertTrue(md.contains("No runs."), md);
        assertTrue(Files.exists(tmp.resolve(Reports.SUMMARY_CSV)));
    }

    @Test
    void unitsReadLikeAPersonWouldWriteThem() {
        assertEquals("950", Units.count(950));
        assertEquals("12.3k", Units.count(12_345));
        assertEquals("1.00M", Units.count(999_999));
        assertEquals("850 ns", Units.nanos(850));
        assertEquals("1.00 ms", Units.nanos(999_700));
        assertEquals("12.3 µs", Units.nanos(12_345));
        assertEquals("2.00 KiB", Units.bytes(2048));
        assertEquals("-1.50 MiB", Units.bytes(-1.5 * 1024 * 1024));
        assertEquals("0.0123", Units.ratio(0.012345));
        assertEquals("1234.5", Units.raw(1234.5));
        assertEquals("10000000", Units.raw(1e7));
        assertEquals("", Units.raw(Double.NaN));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The first cells of the body rows of the first table after the line starting with {@code heading}. */
    static List<String> tableModels(String md, String heading) {
        List<String> models = new ArrayList<>();
        for (String row : tableRows(md, heading)) {
            models.add(row.split("\\|")[1].trim());
        }
        return models;
    }

    static String row(String md, String heading, String model) {
        return tableRows(md, heading).stream().filter(r -> r.split("\\|")[1].trim().equals(model)).findFirst().orElseThrow();
    }

    private static List<String> tableRows(String md, String heading) {
        List<String> lines = md.lines().toList();
        int i = 0;
        while (!lines.get(i).startsWith(heading)) {
            i++;
        }
        while (!lines.get(i).startsWith("|")) {
            i++;
        }
        i += 2;                                                // header and separator
        List<String> rows = new ArrayList<>();
        while (i < lines.size() && lines.get(i).startsWith("|")) {
            rows.add(lines.get(i++));
        }
        return rows;
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static Set<String> seriesModels(Document d) {
        Set<String> models = new LinkedHashSet<>();
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("data-model")) {
                models.add(e.getAttribute("data-model"));
            }
        }
        return models;
    }

    private static void assertSameFiles(Path a, Path b) throws Exception {
        List<Path> fa;
        List<Path> fb;
        try (var s = Files.walk(a)) {
            fa = s.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        try (var s = Files.walk(b)) {
            fb = s.filter(Files::isRegularFile).map(b::relativize).sorted().toList();
        }
        assertEquals(fa, fb);
        for (Path p : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p.toString());
        }
    }

    /** A small RFC 4180 reader, enough for the summary. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
