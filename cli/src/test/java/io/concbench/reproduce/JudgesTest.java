package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every table's judge over a trimmed copy of a real full run (results/chapter/2026-11-27T16-53-18Z:
 * JMH JSON without raw data, compare runs without histograms): each table's verdicts as expected,
 * inconclusive ones included, and a run missing an experiment's files reads "not measured", never a crash.
 */
class JudgesTest {

    static final String FIXTURE = "run-2026-11-27";

    /**
     * Per table, one letter per claim in claim order: H holds, D direction only, I inconclusive, X does not
     * hold, C true by construction, A not a measurable claim, M not measurable on this machine, E no
     * experiment yet, N not measured.
     */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("T1", "XHHHHI"),
            Map.entry("T2", "XHHCHHH"),
            Map.entry("T3", "XHEM"),
            Map.entry("T4", "XHA"),
            Map.entry("T5", "IXIXHXM"),
            Map.entry("T6", "XHXHIXI"),
            Map.entry("T7", "HHX"),
            Map.entry("T8", "HIIA"),
            Map.entry("T9", "HIA"),
            Map.entry("T10", "HXDHXH"),
            Map.entry("T11", "HHDHHDHEE"),
            Map.entry("T12", "EEXHE"),
            Map.entry("T13", "CCEC"));

    @TempDir
    Path tmp;

    static char letter(Verdict v) {
        return switch (v) {
            case HOLDS -> 'H';
            case DIRECTION_ONLY -> 'D';
            case INCONCLUSIVE -> 'I';
            case DOES_NOT_HOLD -> 'X';
            case BY_CONSTRUCTION -> 'C';
            case NOT_A_CLAIM -> 'A';
            case NOT_MEASURABLE -> 'M';
            case NO_EXPERIMENT -> 'E';
            case NOT_MEASURED -> 'N';
        };
    }

    /** The fixture copied to a fresh directory, so rendering it writes nothing into the build. */
    static Path copy(Path to) throws IOException {
        Path from;
        try {
            from = Path.of(JudgesTest.class.getResource(FIXTURE).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private List<TableResult> judged(Path dir) throws IOException {
        return ReproduceRun.write(dir, Manifest.read(dir));
    }

    @TestFactory
    Stream<DynamicTest> eachTableJudgesTheRecordedRunAsExpected() throws IOException {
        List<TableResult> results = judged(copy(tmp.resolve("run")));
        assertEquals(EXPECTED.size(), results.size());
        return results.stream().map(t -> DynamicTest.dynamicTest(t.id(), () -> {
            StringBuilder got = new StringBuilder();
            List<String> why = new ArrayList<>();
            for (ClaimResult c : t.claims()) {
                got.append(letter(c.verdict()));
                why.add(c.number() + " " + c.verdict() + ": " + c.why());
                assertFalse(c.basis().isBlank(), t.id() + " #" + c.number() + " says what it rests on");
            }
            assertEquals(EXPECTED.get(t.id()), got.toString(), String.join("\n", why));
            assertEquals(ChapterText.statements(t.id()).size(), t.claims().size(),
                    t.id() + ": chapter.json renders each judged claim in words, in order");
        }));
    }

    @Test
    void theWeakAnaloguesAndTheGenerousCasesSayWhy() throws IOException {
        List<TableResult> results = judged(copy(tmp.resolve("run")));
        ClaimResult t5switches = claim(results, "T5", 5);
        assertTrue(t5switches.basis().contains("a switch count is not a switch cost"), t5switches.basis());
        assertTrue(claim(results, "T12", 3).basis().contains("chain timed alone"), claim(results, "T12", 3).basis());
        assertTrue(claim(results, "T5", 1).why().contains("covers both"), claim(results, "T5", 1).why());
        assertTrue(claim(results, "T12", 1).why().contains("no experiment " + Experiments.T12_END_TO_END), claim(results, "T12", 1).why());
        assertTrue(claim(results, "T7", 3).why().contains("no thread went without the lock"), claim(results, "T7", 3).why());
        assertTrue(claim(results, "T6", 7).why().contains("sampled once a second"), claim(results, "T6", 7).why());
        assertTrue(claim(results, "T4", 1).why().contains("thread-per-connection"), claim(results, "T4", 1).why());
        assertEquals(ClaimResult.DIRECT, claim(results, "T7", 1).basis());
    }

    @Test
    void theDocumentOpensWithFindingsAndLinksTheChapterInsideTheProject() throws IOException {
        Path dir = copy(tmp.resolve("run"));
        judged(dir);
        String md = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));
        assertTrue(md.indexOf("## Findings") < md.indexOf("## Verdicts at a glance"), "findings first");
        assertTrue(md.contains("8,200 QPS") && md.contains("Little's law") && md.contains("2 KB") && md.contains("4 KB"), md);
        assertTrue(md.contains("Load average 2.68 2.45 3.63"), "the run's noise");
        assertTrue(md.contains("(" + "../../../" + ChapterText.MARKDOWN + ")"), "links docs/chapter.md");
        assertTrue(md.contains(ChapterText.title()));
        assertFalse(md.contains("Infinity"), "∞, not Infinity");
        assertFalse(md.contains("/shared/"), "nothing points outside the project");
        assertTrue(md.contains("| rests on |"));
        JsonNode claims = Json.MAPPER.readTree(dir.resolve(ReproduceRun.CLAIMS).toFile());
        assertTrue(claims.findValues("basis").size() > 60, "claims.json stores each claim's basis");
    }

    @Test
    void aRunWithoutAnExperimentsFilesReadsNotMeasuredAndTheRestIsJudged() throws IOException {
        Path dir = copy(tmp.resolve("run"));
        try (Stream<Path> t6 = Files.list(dir.resolve(Experiments.T6))) {
            for (Path p : t6.toList()) {
                Files.delete(p);
            }
        }
        List<TableResult> results = judged(dir);
        for (ClaimResult c : table(results, "T6").claims()) {
            assertEquals(Verdict.NOT_MEASURED, c.verdict(), c.toString());
        }
        assertEquals("HHX", verdicts(table(results, "T7")));
    }

    /**
     * The fixture plus the new experiments' files (runs made here by the r13-experiments helper: T12 end
     * to end in two alternating rounds, BufferReuse with -prof gc, T6 by duration for two models), as a
     * run that made them would record them.
     */
    static Path withNewExperiments(Path to) throws Exception {
        Path dir = copy(to);
        Path evidence = Path.of(JudgesTest.class.getResource("evidence").toURI());
        try (Stream<Path> all = Files.walk(evidence)) {
            for (Path p : all.toList()) {
                Path target = dir.resolve(evidence.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(dir.resolve("experiments.json").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode) manifest.path("experiments");
        for (String id : List.of(Experiments.T12_END_TO_END, Experiments.BUFFER_REUSE, Experiments.T6_TIMED)) {
            com.fasterxml.jackson.databind.node.ObjectNode r = records.addObject();
            r.put("id", id).put("title", id).put("command", "as " + id).put("pinning", "").put("ok", true).put("failure", "")
                    .put("startedAt", "2026-12-02T00:00:00Z").put("seconds", 1.0);
            r.putArray("files");
        }
        Json.MAPPER.writeValue(dir.resolve("experiments.json").toFile(), manifest);
        return dir;
    }

    @Test
    void theNewExperimentsAreJudgedWhenARunHasThem() throws Exception {
        Path dir = withNewExperiments(tmp.resolve("run"));
        List<TableResult> results = judged(dir);
        String md = Files.readString(dir.resolve(ReproduceRun.DOCUMENT));
        // The noise line counts the new runs, T12's rounds in their subdirectories included; old runs did not record it.
        Evidence.Noise noise = new Evidence(dir, Manifest.read(dir)).noise();
        assertEquals(4 + 4, noise.recorded(), noise.toString());
        assertTrue(noise.disturbed() > 0 && noise.runs() > noise.recorded(), noise.toString());
        assertTrue(md.contains(noise.disturbed() + " of " + noise.recorded() + " compare runs with the outside CPU recorded were disturbed"), md);
        TableResult t12 = table(results, "T12");
        // Whole requests: the dynamic chain was not slower end to end in either round (a noisy quick run), so 1 and 2 fail.
        assertEquals("XXXHX", verdicts(t12), t12.claims().toString());
        assertTrue(claim(results, "T12", 1).measured().contains("per round"), claim(results, "T12", 1).measured());
        assertTrue(claim(results, "T12", 1).basis().contains("serve's 3-middleware chain"), claim(results, "T12", 1).basis());
        // sync.Pool: the pooled buffer allocates next to nothing, a cut within ×2 of the claimed 78 % and 75 %.
        assertEquals("HH", verdicts(table(results, "T11")).substring(7), table(results, "T11").claims().toString());
        assertTrue(claim(results, "T11", 9).measured().contains("GC/s"), claim(results, "T11", 9).measured());
        // T6 on both runs: single-process QPS fails on the -n run (6× the claim) and holds on the timed one: inconclusive.
        ClaimResult qps = claim(results, "T6", 1);
        assertEquals(Verdict.INCONCLUSIVE, qps.verdict(), qps.why());
        assertTrue(qps.why().contains("the two runs disagree") && qps.measured().contains("timed run:"), qps.why());
        for (TableResult t : results) {
            for (ClaimResult c : t.claims()) {
                assertFalse(c.measured().contains("Infinity") || c.why().contains("Infinity"), c.toString());
            }
        }
    }

    private static String verdicts(TableResult t) {
        StringBuilder b = new StringBuilder();
        t.claims().forEach(c -> b.append(letter(c.verdict())));
        return b.toString();
    }

    static TableResult table(List<TableResult> results, String id) {
        return results.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    static ClaimResult claim(List<TableResult> results, String id, int number) {
        return table(results, id).claims().get(number - 1);
    }
}
