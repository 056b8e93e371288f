package io.concbench.harness.result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesExactBytes() throws Exception {
        Path f = tmp.resolve("a.bin");
        byte[] bytes = {0, 1, (byte) 0xff, '\n'};
        AtomicFiles.write(f, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(f));
    }

    @Test
    void writesTextAsUtf8() throws Exception {
        Path f = tmp.resolve("summary.md");
        AtomicFiles.write(f, "1.00k–3.00k µs\n");
        assertArrayEquals("1.00k–3.00k µs\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path f = tmp.resolve("summary.csv");
        AtomicFiles.write(f, "a much longer first version\n");
        AtomicFiles.write(f, "b\n");
        assertEquals("b\n", Files.readString(f));
    }

    @Test
    void theFileIsReadableByOthersAsAPlainlyWrittenOneWouldBe() throws Exception {
        Path f = tmp.resolve("summary.md");
        AtomicFiles.write(f, "x");
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
        assertTrue(p.contains(PosixFilePermission.OWNER_WRITE), p.toString());
        assertTrue(p.contains(PosixFilePermission.OTHERS_READ), p + " (umask 0077 would explain it)");
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
        AtomicFiles.write(tmp.resolve("one.svg"), "<svg/>");
        AtomicFiles.write(tmp.resolve("one.svg"), "<svg></svg>");
        AtomicFiles.write(tmp.resolve("two.json"), "{}");
        assertEquals(List.of("one.svg", "two.json"), names());
    }

    @Test
    void removesTheTemporaryFileWhenTheRenameFails() throws Exception {
        Path dir = tmp.resolve("taken");
        Files.createDirectories(dir.resolve("child"));           // a non-empty directory cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFiles.write(dir, "x"));
        assertEquals(List.of("taken"), names());
    }

    @Test
    void createsParentDirectories() throws Exception {
        Path f = tmp.resolve("charts").resolve("deeper").resolve("latency.svg");
        AtomicFiles.write(f, "<svg/>");
        assertEquals("<svg/>", Files.readString(f));
    }

    @Test
    void jsonWritesThroughItAsIndentedJson() throws Exception {
        Path f = tmp.resolve("runs").resolve("r1.json");
        Json.writeAtomically(f, Map.of("a", 1));
        assertEquals("{\n  \"a\" : 1\n}", Files.readString(f));
        assertEquals(List.of("runs"), names());
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of("r1.json"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void jsonRefusesBytesAndTextWhichItWouldWriteAsAJsonString() {
        assertThrows(IllegalArgumentException.class, () -> Json.writeAtomically(tmp.resolve("x.md"), "# title"));
        assertThrows(IllegalArgumentException.class, () -> Json.writeAtomically(tmp.resolve("x.bin"), new byte[] {1}));
    }
}
