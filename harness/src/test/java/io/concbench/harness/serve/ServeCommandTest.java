package io.concbench.harness.serve;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerStats;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeCommandTest {

    private static final class Stub implements RunningServer {
        @Override public int port() { return 1234; }
        @Override public ServerStats stats() { return new ServerStats(3, 1, 7, 2, 0, 0, 4, List.of(), Map.of()); }
        @Override public Map<String, Object> facts() { return Map.of(); }
        @Override public MemoryReport collectGarbage() { return new MemoryReport(100, 200, -1, -1, 5, List.of()); }
        @Override public void close() { }
    }

    @Test
    void answersOneJsonLinePerCommandAndStopsOnStop() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ServeCommand.obey(new Stub(), new BufferedReader(new StringReader("stats\ngc\nbogus\nstop\nstats\n")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)), "stop ends the loop and says so");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"requests\":7"), lines.get(0));
        assertTrue(lines.get(0).contains("\"peakInFlight\":4"), lines.get(0));
        assertEquals("{\"heapUsedBytes\":100,\"rssBytes\":200,\"nmtCommittedBytes\":-1,\"nmtThreadStackCommittedBytes\":-1,\"threads\":5,\"processes\":[]}", lines.get(1));
        assertEquals("{\"error\":\"unknown command 'bogus'; commands: stats, gc, stop\"}", lines.get(2));
        assertEquals("{\"stopped\":true}", lines.get(3));
    }

    @Test
    void endOfInputEndsTheLoopWithoutStop() throws Exception {
        assertEquals(false, ServeCommand.obey(new Stub(), new BufferedReader(new StringReader("stats\n")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void modelOptionsTakeBothForms() {
        assertEquals(Map.of("accept", "reuseport", "inner", "virtual", "flag", "true"),
                ServeCommand.parseModelOptions(List.of("--accept=reuseport", "--inner", "virtual", "--flag")));
        assertThrows(IllegalArgumentException.class, () -> ServeCommand.parseModelOptions(List.of("stray")));
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {
                {"--model", "nope", "--port", "0"},
                {"--model", "x", "--port", "70000"},
                {"--port", "0"},
                {"--model", "x", "--chain", "sideways"}}) {
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new ServeCommand());
            cl.setErr(new PrintWriter(err));
            assertEquals(Cli.USER_ERROR, Cli.execute(cl, args), String.join(" ", args));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("serve: "), err.toString());
        }
    }
}
