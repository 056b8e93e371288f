package io.concbench.report;

import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.concbench.report.Fixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's reading of the noise: overlapping ranges, disturbed runs, and the cross-check against other clients. */
class ReadingTest {

    private static final long BASE = 100_000;

    private static String reading(String md) {
        return md.lines().filter(l -> l.startsWith("**Reading.**")).findFirst().orElse("");
    }

    @Test
    void overlappingRangesReadAsWithinNoiseAndRangesApartAsARatio() {
        List<RunResult> runs = new ArrayList<>();
        int seq = 0;
        double[] a = {1000, 1100, 1200};
        double[] b = {1150, 1250, 1300};
        double[] c = {3000, 3100, 3200};
        for (int r = 1; r <= 3; r++) {
            runs.add(load("a", "plaintext", 100, r, seq++, a[r - 1], BASE));
            runs.add(load("b", "plaintext", 100, r, seq++, b[r - 1], BASE));
            runs.add(load("c", "plaintext", 100, r, seq++, c[r - 1], BASE / 2));
        }
        String read = reading(Reports.markdown(runs));
        assertEquals("**Reading.** req/s, highest first: c vs b: 2.48× (ranges apart); b and a: within noise (ranges overlap). "
                + "p99, lowest first: c vs a: 2.00× lower (ranges apart); a and b: within noise (ranges overlap).", read);
    }

    @Test
    void oneRepeatSaysItCannotTellNoiseFromADifferenceAndSuggestsThree() {
        String md = Reports.markdown(List.of(load("a", "plaintext", 100, 1, 0, 1000, BASE),
                load("b", "plaintext", 100, 1, 1, 2000, BASE * 3)));
        assertEquals("**Reading.** req/s, highest first: b vs a: 2.00×. p99, lowest first: a vs b: 3.00× lower. "
                + "One repeat cannot tell noise from a difference: `--repeats 3` shows which of these gaps are real.", reading(md));
    }

    @Test
    void aSingleModelHasNothingToReadUnlessARunWasDisturbed() {
        assertEquals("", reading(Reports.markdown(List.of(load("a", "plaintext", 100, 1, 0, 1000, BASE)))));
        String md = Reports.markdown(List.of(Fixtures.withOutside(load("a", "plaintext", 100, 1, 0, 1000, BASE), 55)));
        assertEquals("**Reading.** Disturbed (outside CPU above 10 % of a core, figures suspect): a r1 (55.0 %).", reading(md));
    }

    @Test
    void disturbedRunsAreCountedInTheHeaderFlaggedInTheTableNamedInTheReadingAndInTheCsv() {
        List<RunResult> runs = Fixtures.matrix().stream().map(r -> r.load() == null ? r
                : Fixtures.withOutside(r, r.model().equals("virtual") && r.workload().equals("plaintext") && r.repeat() == 2 ? 34 : 2)).toList();
        String md = Reports.markdown(runs);
        assertTrue(md.contains("- **disturbed runs**: 1 of 12 (outside CPU above 10 % of a core; ⚠ in the tables)\n"), md);
        String virtual = ReportsTest.row(md, "### plaintext", "virtual");
        assertTrue(virtual.contains("2.0 (2.0–34.0) ⚠ disturbed"), virtual);
        String threadpool = ReportsTest.row(md, "### plaintext", "threadpool");
        assertTrue(threadpool.contains("| 2.0 |") || threadpool.matches(".*\\|\\s+2\\.0 \\|\\s+3 \\|$"), threadpool);
        assertFalse(threadpool.contains("disturbed"), threadpool);
        String plaintext = md.substring(md.indexOf("### plaintext"), md.indexOf("### io"));
        assertTrue(reading(plaintext).endsWith("Disturbed (outside CPU above 10 % of a core, figures suspect): virtual r2 (34.0 %)."), plaintext);
        assertTrue(md.contains("Outside CPU % is what the rest of the machine used"), md);

        List<List<String>> csv = ReportsTest.parseCsv(Reports.csv(runs));
        List<String> header = csv.get(0);
        List<String> vt = csv.stream().filter(r -> r.get(0).equals("virtual") && r.get(1).equals("plaintext")).findFirst().orElseThrow();
        assertEquals("2", vt.get(header.indexOf("outside_cpu_percent_of_one_core_median")));
        assertEquals("34", vt.get(header.indexOf("outside_cpu_percent_of_one_core_max")));
        assertEquals("0", vt.get(header.indexOf("steal_percent_of_one_core_median")));
        assertEquals("1", vt.get(header.indexOf("disturbed_runs")));
        List<String> tp = csv.stream().filter(r -> r.get(0).equals("threadpool") && r.get(1).equals("plaintext")).findFirst().orElseThrow();
        assertEquals("0", tp.get(header.indexOf("disturbed_runs")));
    }

    @Test
    void runsWrittenBeforeTheMachineWasMeasuredKeepTheirTableAndCsvBlank() {
        String md = Reports.markdown(Fixtures.matrix());
        assertFalse(md.contains("outside CPU"), md);
        assertFalse(md.contains("disturbed"), md);
        List<List<String>> csv = ReportsTest.parseCsv(Reports.csv(Fixtures.matrix()));
        List<String> header = csv.get(0);
        List<String> tp = csv.stream().filter(r -> r.get(0).equals("threadpool") && r.get(1).equals("plaintext")).findFirst().orElseThrow();
        assertEquals("", tp.get(header.indexOf("outside_cpu_percent_of_one_core_median")), "absent, not 0");
        assertEquals("", tp.get(header.indexOf("disturbed_runs")));
    }

    @Test
    void crossCheckRunsGetTheirOwnTableWithRatiosAndStayOutOfTheMedians() {
        List<RunResult> runs = new ArrayList<>();
        double[] builtin = {1000, 2000, 3000};
        for (int r = 1; r <= 3; r++) {
            runs.add(load("a", "plaintext", 100, r, r, builtin[r - 1], BASE));
        }
        runs.add(Fixtures.crossCheck(load("a", "plaintext", 100, 1, 10, 2100, BASE * 105 / 100), "wrk"));
        runs.add(Fixtures.crossCheck(Fixtures.withoutLatency(load("a", "plaintext", 100, 1, 11, 1500, BASE)), "h2load"));
        runs.add(load("b", "plaintext", 100, 1, 12, 4000, BASE));
        runs.add(Fixtures.crossCheck(load("b", "plaintext", 100, 1, 13, 4100, BASE), "wrk"));
        runs.add(Fixtures.crossCheck(Fixtures.failed("b", "plaintext", 100, 1, 14, "h2load exited with code 1"), "h2load"));
        String md = Reports.markdown(runs);

        String a = ReportsTest.row(md, "### plaintext", "a");
        assertTrue(a.contains("2.00k (1.00k–3.00k)") && a.matches(".*\\|\\s+3 \\|$"), "three builtin repeats, no cross-check run: " + a);
        assertTrue(ReportsTest.row(md, "### plaintext", "b").matches(".*\\|\\s+1 \\|$"));
        assertTrue(md.contains("- **driver**: builtin (cross-checked with wrk, h2load)\n"), md);

        assertEquals(List.of("plaintext, 100 connections", "a", "2.00k", "2.10k (1.05×)", "1.50k (0.75×)", "100 µs",
                "1.05× / –", "⚠ beyond 10 %"), cells(ReportsTest.row(md, "## Cross-check", "plaintext, 100 connections")));
        List<String> bRow = cells(md.lines().filter(l -> l.startsWith("| plaintext") && l.contains("| b ")).findFirst().orElseThrow());
        assertEquals(List.of("plaintext, 100 connections", "b", "4.00k", "4.10k (1.03×)", "failed", "100 µs", "1.00× / –",
                "within 10 %"), bRow);
        assertTrue(md.contains("⚠ 1 cell disagrees by more than 10 %"), md);
    }

    @Test
    void aRatioFurtherThanTenPercentFromOneIsBeyond() {
        assertFalse(CrossCheck.beyond(1.10));
        assertFalse(CrossCheck.beyond(0.90));
        assertTrue(CrossCheck.beyond(1.11));
        assertTrue(CrossCheck.beyond(0.89));
    }

    private static List<String> cells(String row) {
        return Arrays.stream(row.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
