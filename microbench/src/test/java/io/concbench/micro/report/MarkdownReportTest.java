package io.concbench.micro.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import io.concbench.report.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportTest {

    private static final Machine MACHINE = new Machine("Test CPU @ 1 GHz", 2, "0-1", "Linux 6.1", 8L << 30, "0.10 0.20 0.30");

    @TempDir
    Path dir;

    private List<JsonNode> sample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("jmh-sample.json")) {
            List<JsonNode> rows = new ArrayList<>();
            Json.MAPPER.readTree(in).forEach(rows::add);
            return rows;
        }
    }

    @Test
    void headerNamesTheJdkTheMachineAndTheNotes() throws IOException {
        String md = MarkdownReport.render("t", List.of("Pinning: none"), sample(), List.of(), List.of(), MACHINE);
        assertTrue(md.contains("- JDK: OpenJDK 64-Bit Server VM 25.0.3+9-LTS (jdk 25.0.3), JMH 1.37\n"), md);
        assertTrue(md.contains("- Machine: Test CPU @ 1 GHz, 2 CPUs (allowed: 0-1), Linux 6.1, 8 GiB RAM"), md);
        assertTrue(md.contains("- Pinning: none\n"), md);
    }

    @Test
    void oneRowPerBenchmarkWithParamsErrorUnitAndAllocation() throws IOException {
        String md = MarkdownReport.render("t", List.of(), sample(), List.of(), List.of(), MACHINE);
        assertEquals(List.of("MiddlewareChain.chain", "chain=dynamic k=3", "1", "125", "3.25", "ns/op", "24.0"),
                cells(md, "MiddlewareChain.chain"), md);
        assertEquals(List.of("Scheduler.executor", "executor=edf workload=mixed", "1", "684,666", "n/a", "ops/s", ""),
                cells(md, "Scheduler.executor"), md);
    }

    @Test
    void schedulerProfilerColumnsGetTheirOwnTable() throws IOException {
        String md = MarkdownReport.render("t", List.of(), sample(), List.of(), List.of(), MACHINE);
        String scheduler = md.substring(md.indexOf("## Scheduler"));
        assertEquals(List.of("Scheduler.executor", "executor=edf workload=mixed", "684,666", "444", "1,832", "18.2", "11.3", "1.18"),
                cells(scheduler, "Scheduler.executor"), md);
    }

    @Test
    void pinnedRowsAreMarked() throws IOException {
        String md = MarkdownReport.render("t", List.of(), List.of(), sample().subList(0, 1), List.of(), MACHINE);
        assertEquals("chain=dynamic k=3 " + MarkdownReport.PINNED_LABEL, cells(md, "MiddlewareChain.chain").get(1), md);
    }

    @Test
    void sleepersFailuresAreRowsNotGaps() throws IOException {
        List<JsonNode> sleepers = List.of(
                Json.MAPPER.readTree("{\"kind\":\"virtual\",\"tasks\":10000,\"started\":10000,\"outcome\":\"ok\","
                        + "\"allAtOnce\":true,\"startAllMillis\":144.7,\"elapsedMillis\":370.3,\"peakLive\":10000,"
                        + "\"rssBeforeBytes\":65052672,\"peakRssBytes\":91287552,\"vmHwmBytes\":91291648,"
                        + "\"peakHeapUsedBytes\":33176248}"),
                Json.MAPPER.readTree("{\"kind\":\"platform\",\"tasks\":100000,\"allAtOnce\":true,"
                        + "\"outcome\":\"failed: the JVM exited with status 134; see sleepers.log\"}"));
        String md = MarkdownReport.render("t", List.of(), List.of(), List.of(), sleepers, MACHINE);
        assertEquals(List.of("virtual", "10000", "all at once", "ok", "10000", "145", "370", "10000", "25.0", "2.56", "87.1", "87.1", "31.6"),
                cells(md, "virtual"), md);
        assertEquals(List.of("platform", "100000", "all at once", "failed: the JVM exited with status 134; see sleepers.log"),
                cells(md, "platform").subList(0, 4), md);
    }

    @Test
    void writesTheFileAndRefusesWhatIsNotJmhJson() throws Exception {
        Path notJmh = dir.resolve("x.json");
        Files.writeString(notJmh, "{\"a\":1}");
        assertThrows(IllegalArgumentException.class, () -> MarkdownReport.readJmh(notJmh));
        assertThrows(IllegalArgumentException.class, () -> MarkdownReport.readJmh(dir.resolve("missing.json")));
    }

    @Test
    void shortNamesDropThePackage() {
        assertEquals("SyncPrimitives.TwoThreads.atomicLong",
                MarkdownReport.shortName("io.concbench.micro.sync.SyncPrimitives.TwoThreads.atomicLong"));
        assertEquals("ContextSwitch.sameThread", MarkdownReport.shortName("io.concbench.micro.switching.ContextSwitch.sameThread"));
    }

    @Test
    void numbersKeepAboutThreeSignificantFigures() {
        assertEquals("1,234,568", Units.figure(1_234_567.8));
        assertEquals("12.3", Units.figure(12.34));
        assertEquals("1.23", Units.figure(1.234));
        assertEquals("0.012", Units.figure(0.0123));
        assertEquals(Units.NONE, Units.figure(Double.NaN), "a figure that was not measured reads as report's \"–\"");
    }

    /**
     * The cells of the first table row whose first cell is {@code first}, trimmed of MdTable's padding:
     * what a row says, whatever the column widths.
     */
    private static List<String> cells(String md, String first) {
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && line.endsWith(" |")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1))
                        .map(String::strip).toList();
                if (cells.get(0).equals(first)) {
                    return cells;
                }
            }
        }
        throw new AssertionError("no row starting with " + first + " in\n" + md);
    }
}
