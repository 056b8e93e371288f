package io.concbench.loadgen.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent options as the standalone load jar sees them: one line per mistake, exit 2. */
class AgentOptionsTest {

    @Test
    void theLoadJarHasNoAgentLauncherAndSaysWhatToDoInstead() {
        LoadCommandTest.Outcome o = LoadCommandTest.run("http://127.0.0.1:1/", "--agents", "2", "-n", "10");
        assertEquals(2, o.code());
        assertEquals(1, o.errLines().size(), o.err());
        assertTrue(o.err().contains("--agents needs the concbench jar"), o.err());
    }

    @Test
    void badSegmentStartAtAndSourceAddressesAreOneLineEach() {
        String[][] cases = {
            {"--segment", "2/2", "--segment 2/2 is not a share"},
            {"--segment", "1of2", "--segment '1of2' is not i/N"},
            {"--start-at", "-5", "--start-at must be a time in milliseconds since the epoch"},
            {"--source-addresses", "127.0.0.9-127.0.0.1", "--source-addresses 127.0.0.9-127.0.0.1"},
        };
        for (String[] c : cases) {
            LoadCommandTest.Outcome o = LoadCommandTest.run("http://127.0.0.1:1/", "-c", "2", "-n", "10", c[0], c[1]);
            assertEquals(2, o.code(), c[0] + " " + c[1] + ": " + o.err());
            assertEquals(1, o.errLines().size(), o.err());
            assertTrue(o.err().contains(c[2]), o.err());
        }
    }
}
