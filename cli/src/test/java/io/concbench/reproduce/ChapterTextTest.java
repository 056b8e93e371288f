package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chapter.json holds every table the code judges and every claimed number it asks for, and nothing else. */
class ChapterTextTest {

    @Test
    void everyTableLoadsInTheChaptersOrderWithItsPrintedRows() {
        List<String> ids = ChapterText.tables().stream().map(ChapterText.Printed::id).toList();
        assertEquals(List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13"), ids);
        assertEquals(ids, Chapter.ids());
        for (ChapterTable t : Chapter.all()) {
            ChapterText.Printed p = ChapterText.table(t.id());
            assertEquals(p.title() + " (" + p.section() + ")", t.title());
            assertEquals(p.columns(), t.header());
            assertEquals(p.rows(), t.rows());
            assertTrue(!p.rows().isEmpty(), t.id());
        }
        assertEquals(List.of("CFS", "85", "12,000", "medium"), ChapterText.table("T5").rows().get(0));
    }

    @Test
    void everyClaimedNumberIsAskedForByTheCodeAndNoneIsLeftOver() throws Exception {
        // The judges and the experiments ask for their numbers when their classes load.
        for (Class<?> c : List.of(ThreadTables.class, ServerTables.class, BenchTables.class, Experiments.class)) {
            Class.forName(c.getName(), true, c.getClassLoader());
        }
        assertEquals(List.of(), ChapterText.unasked(), "claimed numbers in " + ChapterText.RESOURCE + " that nothing judges");
        assertEquals(8_200, ServerTables.T6_SINGLE_QPS);
        assertEquals(12.1, ServerTables.T6_SINGLE_MEAN_MILLIS);
        assertEquals(List.of(5_000, 10_000), Experiments.MEMORY_CONNECTIONS);
        assertEquals(1_000, Experiments.T6_CONNECTIONS);
    }

    @Test
    void everyClaimedNumberIsPrintedInItsTable() {
        for (ChapterText.Printed t : ChapterText.tables()) {
            List<String> printed = new ArrayList<>(t.notes());
            t.rows().forEach(printed::addAll);
            String text = String.join(" | ", printed);
            t.claims().forEach((key, value) -> {
                List<JsonNode> numbers = value.isArray() ? value.valueStream().toList() : List.of(value);
                for (JsonNode n : numbers) {
                    String shown = ChapterText.number(n.asDouble());
                    assertTrue(text.contains(shown), t.id() + " claim " + key + " = " + shown + " is not in its printed text: " + text);
                }
            });
        }
    }

    @Test
    void aMissingTableOrKeyFailsNamingIt() {
        IllegalStateException key = assertThrows(IllegalStateException.class, () -> ChapterText.claim("T6", "noSuchClaim"));
        assertTrue(key.getMessage().contains("T6 has no claim 'noSuchClaim'"), key.getMessage());
        assertTrue(key.getMessage().contains("singleProcessQps"), "names the keys there are: " + key.getMessage());
        IllegalStateException table = assertThrows(IllegalStateException.class, () -> ChapterText.table("T14"));
        assertTrue(table.getMessage().contains("no table T14"), table.getMessage());
        IllegalStateException list = assertThrows(IllegalStateException.class, () -> ChapterText.claims("T6", "singleProcessQps"));
        assertTrue(list.getMessage().contains("not a list of numbers"), list.getMessage());
        IllegalStateException scalar = assertThrows(IllegalStateException.class, () -> ChapterText.claim("T5", "meanLatencyMicros"));
        assertTrue(scalar.getMessage().contains("not a number"), scalar.getMessage());
    }

    @Test
    void aClaimedNumberReadsAsTheChapterPrintsIt() {
        assertEquals("8,200", ChapterText.number(8_200));
        assertEquals("12.1", ChapterText.number(12.1));
        assertEquals("2", ChapterText.number(2));
    }
}
