package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.cli.CliRun;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;
import io.concbench.micro.hazards.Hazards;
import io.concbench.report.MdTable;
import io.concbench.report.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole reproduce runs limited to T7 (measured here, tiny) and T12 (from a recorded JMH result):
 * the document's measured cells are the JSON's figures, a failed experiment leaves "not measured"
 * and the rest filled, and a bad table id is a user error.
 */
class ReproduceTest {

    private static final Hazards.Settings TINY = new Hazards.Settings(2, 20_000, 50, 200, 1_000);
    private static final String RECORDED_CHAIN = "recorded-jmh-chain.json";

    @TempDir
    Path tmp;

    private final StringWriter log = new StringWriter();

    /** The real experiments with a tiny T7, and jmh-chain replaced by {@code chain}. */
    private Map<String, Experiment> experiments(Experiment.Step chain) {
        Settings s = Settings.quick().withHazards(TINY);
        Map<String, Experiment> all = new LinkedHashMap<>(Experiments.all(s, tmp.resolve("no-benchmarks.jar"), tmp.resolve("no-benchmarks.jar"), tmp, 2));
        Experiment real = all.get(Experiments.CHAIN);
        all.put(Experiments.CHAIN, new Experiment(real.id(), real.title(), real.command(), real.pinning(), 1, chain));
        Experiment e2e = all.get(Experiments.T12_END_TO_END);
        all.put(Experiments.T12_END_TO_END, new Experiment(e2e.id(), e2e.title(), e2e.command(), e2e.pinning(), 1, recordedEndToEnd()));
        return all;
    }

    /** T12 end to end as recorded here (two alternating rounds), instead of minutes of real runs. */
    private static Experiment.Step recordedEndToEnd() {
        return (dir, out) -> {
            List<String> files = new java.util.ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                for (String chain : List.of("static", "dynamic")) {
                    String name = Experiments.T12_END_TO_END + "/" + Experiments.T12_ROUND_DIR + round + "/virtual-" + chain + "-plaintext-50-r1.json";
                    Files.createDirectories(dir.resolve(name).getParent());
                    try (InputStream in = ReproduceTest.class.getResourceAsStream("evidence/" + name)) {
                        Files.copy(in, dir.resolve(name));
                    }
                    files.add(name);
                }
            }
            return files;
        };
    }

    private static Experiment.Step recordedChain() {
        return (dir, out) -> {
            try (InputStream in = ReproduceTest.class.getResourceAsStream(RECORDED_CHAIN)) {
                Files.copy(in, dir.resolve(Experiments.CHAIN + ".json"));
            }
            return List.of(Experiments.CHAIN + ".json");
        };
    }

    private Path run(Map<String, Experiment> experiments, String... tables) throws IOException {
        Path dir = tmp.resolve("run");
        int code = new ReproduceRun(Settings.quick().withHazards(TINY), experiments, dir, new PrintWriter(log, true))
                .run(Chapter.select(List.of(tables)), HostInfo.detect(), tmp.resolve("no-benchmarks.jar"));
        assertEquals(0, code, log.toString());
        return dir;
    }

    /** The cells of the Markdown table row whose first cell is {@code first}. */
    private static List<String> row(String md, String first) {
        String line = md.lines().filter(l -> l.startsWith("| " + first + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + first + "' in:\n" + md));
        return Arrays.stream(line.substring(2, line.length() - 2).split(" \\| ")).toList();
    }

    /** The cells of the claims row for {@code claim}: number, claim, claimed, measured, verdict, why, source. */
    private static List<String> claimRow(String md, String claim) {
        String line = md.lines().filter(l -> l.matches("\\| \\d+ \\| .*") && l.contains("| " + claim + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no claim '" + claim + "'"));
        return Arrays.stream(line.substring(2, line.length() - 2).split(" \\| ")).toList();
    }

    private static JsonNode chainResult(JsonNode recorded, String chain) {
        for (JsonNode b : recorded) {
            if (b.path("params").path("chain").asText().equals(chain) && b.path("params").path("k").asText().equals("3")) {
                return b;
            }
        }
        throw new AssertionError("no " + chain + " k=3 in the recording");
    }

    @Test
    void aT7RunAndARecordedT12WriteTablesWhoseMeasuredCellsAreTheirJson() throws Exception {
        Path dir = run(experiments(recordedChain()), "T12", "T7");
        String md = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));

        // T12: the cells are the recorded JMH scores, formatted.
        JsonNode recorded = Json.MAPPER.readTree(dir.resolve(Experiments.CHAIN + ".json").toFile());
        double dynamicNs = chainResult(recorded, "dynamic").path("primaryMetric").path("score").asDouble();
        double staticNs = chainResult(recorded, "static").path("primaryMetric").path("score").asDouble();
        double dynamicAlloc = chainResult(recorded, "dynamic").path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
        List<String> dynamic = row(md, "dynamically registered chain");
        assertTrue(dynamic.get(1).startsWith("120 · here: end to end: "), dynamic.get(1));
        assertTrue(dynamic.get(2).startsWith("8,500 · here: end to end: ") && dynamic.get(2).contains("req/s"), dynamic.get(2));
        assertTrue(dynamic.get(3).startsWith("high · here: " + Units.bytes(dynamicAlloc) + "/op"), dynamic.get(3));
        assertTrue(row(md, "statically inlined chain").get(1).startsWith("65 · here: end to end: "));
        assertTrue(claimRow(md, "dynamic ÷ static mean latency").get(3).startsWith("dynamic ÷ static mean latency per round: "));
        assertTrue(md.contains("The chain alone (JMH, no socket): dynamic ÷ static = " + Units.times(dynamicNs / staticNs) + ", interval "), md);
        List<String> ratio = claimRow(md, "the composition alone costs the latency gap");
        assertTrue(ratio.get(3).startsWith(Units.nanos(dynamicNs - staticNs) + " (chain alone: " + Units.nanos(dynamicNs)), ratio.get(3));
        JsonNode dynamicCi = chainResult(recorded, "dynamic").path("primaryMetric").path("scoreConfidence");
        JsonNode staticCi = chainResult(recorded, "static").path("primaryMetric").path("scoreConfidence");
        Measured judged = new Measured(dynamicNs, Math.max(0, dynamicCi.path(0).asDouble()), dynamicCi.path(1).asDouble(), "d", "")
                .over(new Measured(staticNs, Math.max(0, staticCi.path(0).asDouble()), staticCi.path(1).asDouble(), "s", ""));
        assertTrue(judged.hasInterval());

        // T7: the cells are hazards.json's counts.
        Hazards.Result h = Json.MAPPER.readValue(dir.resolve(Experiments.HAZARDS + ".json").toFile(), Hazards.Result.class);
        Hazards.Count racy = h.race().counts().get(0);
        assertEquals("several threads write shared data · here: " + Units.grouped(racy.lost()) + " of "
                + Units.grouped(h.race().expected()) + " increments lost (" + racy.counter() + ")", row(md, "data race").get(1));
        assertTrue(row(md, "deadlock").get(1).contains("both crossed threads stuck after " + Units.grouped(TINY.deadlockTimeoutMillis()) + " ms"));
        assertTrue(row(md, "starvation").get(1).contains(Units.percentWithSign(h.starvation().unfair().leastShareOfEqual() * 100)));

        // claims.json says what the document says.
        JsonNode claims = Json.MAPPER.readTree(dir.resolve(ReproduceRun.CLAIMS).toFile());
        assertEquals(List.of("T7", "T12"), claims.path("tables").findValuesAsText("id"));
        for (JsonNode t : claims.path("tables")) {
            for (JsonNode c : t.path("claims")) {
                assertTrue(md.contains("| " + MdTable.escape(c.path("measured").asText()) + " | **"
                        + Verdict.valueOf(c.path("verdict").asText()).label() + "** |"), c.toString());
                assertNotEquals(Verdict.NOT_MEASURED.name(), c.path("verdict").asText(), c.toString());
            }
        }
        assertTrue(md.contains("## How claims are judged"));
        assertTrue(md.contains("Intel") || md.contains(HostInfo.detect().cpuModel()), "names the machine");
        assertTrue(log.toString().contains("[T7 1/2]") && log.toString().contains("[T12 2/2]"), log.toString());
    }

    @Test
    void aFailedExperimentReadsNotMeasuredWithItsReasonAndTheRestIsFilled() throws Exception {
        Path dir = run(experiments((d, out) -> {
            throw new IOException("benchmarks.jar is missing");
        }), "T7", "T12");
        String md = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));

        assertTrue(md.contains("not measured: jmh-chain failed: benchmarks.jar is missing"), md);
        assertTrue(row(md, "dynamically registered chain").get(3).startsWith("high · here: not measured: jmh-chain failed"));
        assertFalse(row(md, "data race").get(1).contains("not measured"), "T7 is still measured");
        JsonNode claims = Json.MAPPER.readTree(dir.resolve(ReproduceRun.CLAIMS).toFile());
        for (JsonNode t : claims.path("tables")) {
            for (JsonNode c : t.path("claims")) {
                if (t.path("id").asText().equals("T7")) {
                    assertNotEquals(Verdict.NOT_MEASURED.name(), c.path("verdict").asText(), c.toString());
                } else if (c.path("basis").asText().contains("JMH")) {
                    assertEquals(Verdict.NOT_MEASURED.name(), c.path("verdict").asText(), c.toString());
                    assertTrue(c.path("measured").asText().startsWith("not measured: jmh-chain failed: benchmarks.jar is missing"));
                }
            }
        }
        Manifest m = Manifest.read(dir);
        Manifest.ExperimentRecord chain = m.experiments().stream().filter(e -> e.id().equals(Experiments.CHAIN)).findFirst().orElseThrow();
        assertFalse(chain.ok());
        assertEquals("benchmarks.jar is missing", chain.failure());
        assertTrue(log.toString().contains("jmh-chain: FAILED (benchmarks.jar is missing)"), log.toString());
    }

    @Test
    void renderRebuildsTheSameDocumentFromTheFilesAlone() throws Exception {
        Path dir = run(experiments(recordedChain()), "T7", "T12");
        String before = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));
        Files.delete(dir.resolve(ReproduceRun.DOCUMENT));
        Files.delete(dir.resolve(ReproduceRun.CLAIMS));

        Reproduce.render(dir, new PrintWriter(new StringWriter()));

        assertEquals(before, Files.readString(dir.resolve(ReproduceRun.DOCUMENT)));
        assertTrue(Files.exists(dir.resolve(ReproduceRun.CLAIMS)));
    }

    @Test
    void aRunLoadsAPrivateCopyOfTheBenchmarksJarSoARebuildCannotReachIt() throws Exception {
        Path jar = tmp.resolve("benchmarks.jar");
        assertEquals(jar, Reproduce.snapshot(jar), "a missing jar is left for the experiments to report");
        Files.writeString(jar, "jar bytes");
        Path copy = Reproduce.snapshot(jar);
        try {
            assertNotEquals(jar, copy);
            assertEquals("jar bytes", Files.readString(copy));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void anUnknownTableIsOneLineNamingTheValidIdsAndExitCode2() throws IOException {
        CliRun o = CliRun.of("reproduce", "--quick", "--tables", "T6,T14", "--out", tmp.toString());

        assertEquals(Cli.USER_ERROR, o.code(), o.toString());
        List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith("concbench reproduce: --tables: unknown table 'T14'"), lines.get(0));
        assertTrue(lines.get(0).contains(String.join(", ", Reproduce.tableIds())), lines.get(0));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing ran");
        }
    }

    @Test
    void theCommandRunsAQuickT7AndSaysWhereTheTablesAre() throws Exception {
        CliRun o = CliRun.of("reproduce", "--quick", "--tables", "t7", "--out", tmp.toString());

        assertEquals(0, o.code(), o.toString());
        Path dir;
        try (Stream<Path> s = Files.list(tmp)) {
            dir = s.findFirst().orElseThrow();
        }
        assertTrue(dir.getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ"), dir.toString());
        assertTrue(o.out().contains("chapter tables: " + dir.resolve(ReproduceRun.DOCUMENT)), o.out());
        String md = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));
        assertTrue(md.contains("## T7 — Concurrency problems (3.1)"));
        assertFalse(md.contains("## T6"), "only the table asked for");
        assertTrue(Files.exists(dir.resolve(Experiments.HAZARDS + ".json")));
    }
}
