package io.concbench.cli;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code load --agents N} and {@code merge} against a real model on loopback. */
class AgentsTest {

    private static RunningServer server;

    @BeforeAll
    static void startServer() throws Exception {
        ServerModel reactor = ServiceLoader.load(ServerModel.class).stream().map(ServiceLoader.Provider::get)
                .filter(m -> m.name().equals("reactor")).findFirst().orElseThrow();
        server = reactor.start(ServerConfig.defaults().withWorkers(1));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port() + "/plaintext";
    }

    /** Runs {@code concbench args}; returns [exit, stdout, stderr]. */
    private static Object[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = System.out;
        PrintStream e = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Object[] {exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test
    void twoAgentsAnswerExactlyNRequestsAndTheMergedHistogramIsTheSumOfTheirs(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("run.json");
        Object[] r = run("load", url(), "--agents", "2", "-c", "4", "-n", "1001", "--json", json.toString());
        assertEquals(0, r[0], r[1] + "\n" + r[2]);
        LoadResult merged = Json.MAPPER.readValue(json.toFile(), LoadResult.class);
        LoadResult a = Json.MAPPER.readValue(dir.resolve("run.agent0of2.json").toFile(), LoadResult.class);
        LoadResult b = Json.MAPPER.readValue(dir.resolve("run.agent1of2.json").toFile(), LoadResult.class);
        assertEquals(1001, merged.requests(), "-n is exact over the agents");
        assertEquals(501, a.requests(), "agent 0/2 takes the odd one");
        assertEquals(500, b.requests());
        assertEquals(4, merged.connections());
        assertEquals(2, a.connections());
        assertEquals(0, merged.errors().total());
        Histogram sum = a.latency().decodeHistogram();
        sum.add(b.latency().decodeHistogram());
        assertEquals(sum, merged.latency().decodeHistogram());
        assertEquals(1001, merged.latency().count());
        assertEquals(List.of("0/2", "1/2"), merged.agents().stream().map(LoadResult.Agent::segment).toList());
        String summary = (String) r[1];
        assertTrue(summary.contains("1,001 requests"), summary);
        assertTrue(summary.contains("merged from 2 agents"), summary);

        // merge of the same two files prints the same totals and writes the same histogram.
        Path again = dir.resolve("again.json");
        Object[] m = run("merge", dir.resolve("run.agent0of2.json").toString(), dir.resolve("run.agent1of2.json").toString(),
                "--json", again.toString());
        assertEquals(0, m[0], m[1] + "\n" + m[2]);
        assertTrue(((String) m[1]).contains("1,001 requests"), (String) m[1]);
        assertEquals(sum, Json.MAPPER.readValue(again.toFile(), LoadResult.class).latency().decodeHistogram());

        // report given the agents' files merges them the same way.
        Path reported = dir.resolve("reported.json");
        Object[] rep = run("report", dir.resolve("run.agent0of2.json").toString(), dir.resolve("run.agent1of2.json").toString(),
                "--out", reported.toString());
        assertEquals(0, rep[0], rep[1] + "\n" + rep[2]);
        assertEquals(m[1], rep[1], "report prints what merge prints");
        assertEquals(sum, Json.MAPPER.readValue(reported.toFile(), LoadResult.class).latency().decodeHistogram());
    }

    @Test
    void openLoopAgentsHoldTheRateTogether() throws Exception {
        Object[] r = run("load", url(), "--agents", "2", "-c", "6", "-R", "200", "-d", "1s", "--json", "-");
        assertEquals(0, r[0], r[1] + "\n" + r[2]);
        LoadResult merged = Json.MAPPER.readValue((String) r[1], LoadResult.class);
        assertEquals(200.0, merged.requestedRate(), 1e-9);
        assertEquals(6, merged.connections());
        assertEquals(2, merged.agents().size());
        assertEquals(merged.sent(), merged.agents().stream().mapToLong(LoadResult.Agent::requests).sum()
                + merged.errors().total() + merged.inFlightAtEnd());
    }

    @Test
    void mergeRefusesAFileThatIsNotALoadResultInOneLine(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("x.json");
        java.nio.file.Files.writeString(bogus, "{\"hello\": 1}");
        Object[] r = run("merge", bogus.toString());
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertTrue(err.startsWith("concbench merge: ") && err.contains("not a load result"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void agentsOptionsConflictingWithSegmentAreRefused() {
        Object[] r = run("load", url(), "--agents", "2", "--segment", "0/2", "-n", "10");
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("--agents sets each agent's --segment"), (String) r[2]);
    }
}
