package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's verdict counts are those of the run it links, as that run's claims.json records them. */
class ReadmeTest {

    private static final Pattern LINK = Pattern.compile("\\]\\((results/chapter/[^/)]+)/" + ReproduceRun.DOCUMENT + "\\)");

    @TempDir
    Path tmp;

    @Test
    void readmesCountsAreThoseOfTheLinkedRunsClaimsJson() throws Exception {
        Path root = ChapterDocTest.root();
        String readme = Files.readString(root.resolve(Readme.FILE));
        int a = readme.indexOf(Readme.START);
        int b = readme.indexOf(Readme.END);
        assertTrue(a >= 0 && b > a, "README has the " + Readme.START + " block");
        String block = readme.substring(a, b + Readme.END.length());
        Matcher m = LINK.matcher(block);
        assertTrue(m.find(), "the block links a run: " + block);
        Path run = root.resolve(m.group(1));
        JsonNode claims = Json.MAPPER.readTree(run.resolve(ReproduceRun.CLAIMS).toFile());
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (JsonNode c : claims.findValues("verdict")) {
            counts.merge(Verdict.valueOf(c.asText()), 1, Integer::sum);
        }
        assertEquals(Readme.block(m.group(1), counts), block,
                "README's counts differ from " + m.group(1) + "/" + ReproduceRun.CLAIMS + ": run `concbench reproduce --render "
                        + m.group(1) + "`");
    }

    @Test
    void renderRewritesOnlyTheBlockAndOnlyForAFullRunUnderResults() throws Exception {
        Path home = tmp.resolve("home");
        Path run = JudgesTest.copy(home.resolve(Reproduce.RESULTS).resolve("2026-11-27T16-53-18Z"));
        String before = "# x\n\nintro\n" + Readme.START + "\nold counts\n" + Readme.END + "\nafter\n";
        Files.writeString(home.resolve(Readme.FILE), before);
        Manifest manifest = Manifest.read(run);
        List<TableResult> results = ReproduceRun.write(run, manifest);

        assertFalse(Readme.update(home, tmp.resolve("elsewhere"), manifest, results), "a run outside results/chapter");
        assertEquals(before, Files.readString(home.resolve(Readme.FILE)));

        assertTrue(Readme.update(home, run, manifest, results));
        String after = Files.readString(home.resolve(Readme.FILE));
        assertTrue(after.startsWith("# x\n\nintro\n" + Readme.START + "\nThe latest full run"), after);
        assertTrue(after.endsWith(Readme.END + "\nafter\n"), after);
        assertTrue(after.contains("[results/chapter/2026-11-27T16-53-18Z/chapter-tables.md]"), after);
        assertTrue(after.contains("Of 68 claims: "), after);
    }
}
