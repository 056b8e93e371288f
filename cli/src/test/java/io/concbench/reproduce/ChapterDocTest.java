package io.concbench.reproduce;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/chapter.md is chapter.json rendered: the chapter the project carries, readable, and never stale. */
class ChapterDocTest {

    /** The project root: the test runs in cli/. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("cli")) ? here : here.getParent();
    }

    @Test
    void docsChapterIsTheResourceRendered() throws Exception {
        Path doc = root().resolve(ChapterText.MARKDOWN);
        String expected = ChapterText.markdown();
        String actual = Files.isRegularFile(doc) ? Files.readString(doc) : "";
        if (!expected.equals(actual)) {
            Path fresh = root().resolve("cli/target/chapter.md");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected);
            assertEquals(expected, actual, ChapterText.MARKDOWN + " differs from " + ChapterText.RESOURCE + ": cp " + fresh + " "
                    + ChapterText.MARKDOWN);
        }
    }

    @Test
    void theChapterHasATitleAndEveryTableItsClaimsInWords() {
        assertFalse(ChapterText.title().isBlank());
        assertFalse(ChapterText.titleAsPrinted().isBlank());
        for (ChapterText.Printed t : ChapterText.tables()) {
            assertFalse(ChapterText.statements(t.id()).isEmpty(), t.id());
        }
        assertTrue(ChapterText.markdown().contains("## T13"));
    }
}
