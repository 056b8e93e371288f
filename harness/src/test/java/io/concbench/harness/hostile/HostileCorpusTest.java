package io.concbench.harness.hostile;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostileCorpusTest {

    @Test
    void holdsAtLeastSixtyUniquelyNamedCases() {
        List<HostileCorpus.Case> cases = HostileCorpus.cases();
        assertTrue(cases.size() >= 60, "only " + cases.size() + " cases");
        Set<String> names = new HashSet<>();
        for (HostileCorpus.Case c : cases) {
            assertTrue(names.add(c.name()), "duplicate case name " + c.name());
        }
    }

    @Test
    void decodesEscapesAndRepeats() {
        assertArrayEquals(new byte[] {'a', '\r', '\n', 0, (byte) 0xc3, '\t', '\\'}, HostileCorpus.decode("a\\r\\n\\0\\xc3\\t\\\\"));
        assertEquals("GET /aaa X\r\nX\r\n", new String(HostileCorpus.decode("GET /${a*3} ${X\\r\\n*2}"), StandardCharsets.ISO_8859_1));
    }
}
