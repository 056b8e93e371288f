package io.concbench.loadgen.cli;

import com.sun.management.UnixOperatingSystemMXBean;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RateSearchResult;
import io.concbench.harness.serve.Cli;
import io.concbench.loadgen.TestServer;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code concbench load} through {@link LoadMain}, the load-generator jar's entry point, as a user runs it, with stdout and stderr captured. */
class LoadCommandTest {

    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LoadMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = Cli.execute(cl, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static final String NOWHERE = "http://127.0.0.1:1/";

    private static void assertUserError(String expectedWords, String... args) {
        Outcome o = run(args);
        assertEquals(Cli.USER_ERROR, o.code(), String.join(" ", args) + " -> " + o);
        assertEquals(1, o.errLines().size(), "one line: " + o.err());
        String line = o.errLines().get(0);
        assertTrue(line.startsWith("concbench load: "), line);
        assertTrue(line.contains(expectedWords), "'" + line + "' should say '" + expectedWords + "'");
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), "no stack trace: " + o.err());
        assertEquals("", o.out());
    }

    @Test
    void malformedUrlIsOneLineAndExitCode2() {
        assertUserError("not a valid URL", "http://exa mple:80/");
        assertUserError("has no scheme", "127.0.0.1:8080/plaintext");
    }

    @Test
    void httpsIsOneLineAndExitCode2() {
        assertUserError("https is not supported", "https://127.0.0.1:8443/");
    }

    @Test
    void zeroConnectionsIsOneLineAndExitCode2() {
        assertUserError("-c must be at least 1", NOWHERE, "-c", "0");
    }

    @Test
    void rateWithoutDurationIsOneLineAndExitCode2() {
        assertUserError("needs a duration", NOWHERE, "-R", "1000");
    }

    @Test
    void moreConnectionsThanTheOpenFileLimitIsOneLineAndExitCode2() {
        long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertUserError("open-file limit", NOWHERE, "-c", Long.toString(limit + 1), "-d", "1s");
    }

    @Test
    void otherBadCombinationsAreOneLineAndExitCode2() {
        assertUserError("not a duration", NOWHERE, "-d", "soon");
        assertUserError("-n counts requests", NOWHERE, "-R", "5", "-d", "1s", "-n", "10");
        assertUserError("add --max-rate", NOWHERE, "--slo", "p99=10ms");
        assertUserError("expected pNN=LATENCY", NOWHERE, "--max-rate", "--slo", "99=10ms");
        assertUserError("--slo 'p99=soon': 'soon' is not a duration", NOWHERE, "--max-rate", "--slo", "p99=soon");
        assertUserError("more event loops than connections", NOWHERE, "-c", "2", "-t", "4");
        assertUserError("Name: value", NOWHERE, "-H", "NoColon", "-n", "1");
    }

    @Test
    void summaryJsonFileAndHistogramLogAgree(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/result.json");
        Path hlog = dir.resolve("out/run.hlog");
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            Outcome o = run(s.url("/plaintext"), "-c", "2", "-n", "300", "--json", json.toString(),
                    "--hlog", hlog.toString(), "--quiet");
            assertEquals(0, o.code(), o.err());
            assertTrue(o.out().contains("300 requests in"), o.out());
            assertTrue(o.out().contains("errors: none"), o.out());
            assertEquals("", o.err());
            LoadResult r = Json.MAPPER.readValue(json.toFile(), LoadResult.class);
            assertEquals(300, r.requests());
            assertEquals(LoadResult.CLOSED, r.mode());
            assertEquals(300, r.latency().decodeHistogram().getTotalCount());
            long untagged = 0;
            long uncorrected = 0;
            HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (h.getTag() == null) {
                    untagged += ((Histogram) h).getTotalCount();
                } else {
                    assertEquals("uncorrected", h.getTag());
                    uncorrected += ((Histogram) h).getTotalCount();
                }
            }
            assertEquals(300, untagged);
            assertEquals(300, uncorrected);
        }
    }

    @Test
    void jsonDashWithQuietPrintsOnlyTheJson() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            Outcome o = run(s.url("/"), "-n", "10", "--json", "-", "--quiet");
            assertEquals(0, o.code(), o.err());
            assertEquals(1, o.out().lines().count(), o.out());
            assertEquals(10, Json.MAPPER.readValue(o.out(), LoadResult.class).requests());
            assertEquals("", o.err());
        }
    }

    @Test
    void jsonDashPrintsTheResultOnStdoutAndTheSummaryOnStderr() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            Outcome o = run(s.url("/"), "-c", "1", "-R", "200", "-d", "500ms", "--json", "-");
            assertEquals(0, o.code(), o.err());
            LoadResult r = Json.MAPPER.readValue(o.out(), LoadResult.class);
            assertEquals(LoadResult.OPEN, r.mode());
            assertEquals(200, r.requestedRate());
            assertTrue(o.err().contains("corrected"), o.err());
        }
    }

    @Test
    void maxRateSearchPrintsEachStepAndFindsARateTheServerCanCarry() throws Exception {
        // Two connections to a 5 ms server carry at most 400 requests per second. Above that the queue
        // grows for the 0.5 s of a step: at rate R the last answers wait about (R/400 - 1) x 0.5 s, so a
        // 100 ms target passes up to R = 480. The target is loose so that a scheduling hiccup on a busy
        // machine (tens of ms with the load average at 20) does not fail the first, 15-request step.
        try (TestServer s = TestServer.start(TestServer.answering(TimeUnit.MILLISECONDS.toNanos(5)))) {
            Outcome o = run(s.url("/"), "-c", "2", "-R", "50", "-d", "300ms", "--warmup", "200ms", "--max-rate",
                    "--slo", "p99=100ms", "--json", "-");
            assertEquals(0, o.code(), o.err());
            RateSearchResult r = Json.MAPPER.readValue(o.out(), RateSearchResult.class);
            assertEquals(50, r.steps().get(0).rate());
            for (int i = 1; i <= r.steps().size(); i++) {
                assertTrue(o.err().contains(String.format("step %2d", i)), "step " + i + " printed: " + o.err());
            }
            // On a busy machine the client itself may fall behind first: then the search says so, and
            // that it measured the client, instead of naming a rate.
            if (!o.err().contains("no max rate: client-bound at ")) {
                assertTrue(r.steps().size() >= 2, "steps: " + r.steps().size());
                assertTrue(r.maxRate() > 0 && r.maxRate() <= 500, "max rate " + r.maxRate());
                assertTrue(o.err().contains("max rate with corrected p99 <= 100.000 ms"), o.err());
            }
        }
    }
}
