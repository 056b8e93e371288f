package io.concbench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import io.concbench.report.Reports;
import io.concbench.report.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** wrk and h2load fill exactly the figures they print; the rest is null in JSON and "–" in summary.md. */
class ExternalDriverTest {

    /** wrk 4.1.0 (Debian 4.1.0-3) with --latency, as it printed on this machine. */
    static final String WRK_OUTPUT = """
            Running 1s test @ http://127.0.0.1:18733/
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.60ms    5.42ms  34.67ms   88.67%
                Req/Sec     1.00k   801.11     2.18k    70.00%
              Latency Distribution
                 50%    1.24ms
                 75%    3.78ms
                 90%   10.07ms
                 99%   25.92ms
              1000 requests in 1.01s, 3.99MB read
            Requests/sec:    993.50
            Transfer/sec:      3.96MB
            """;

    /** h2load (nghttp2 1.52.0), the lines after the progress messages. */
    static final String H2LOAD_OUTPUT = """
            finished in 1.00s, 962.00 req/s, 53.47KB/s
            requests: 962 total, 964 started, 962 done, 962 succeeded, 0 failed, 0 errored, 0 timeout
            status codes: 962 2xx, 0 3xx, 0 4xx, 0 5xx
            traffic: 53.47KB (54756) total, 69.00KB (70656) headers (space savings 0.00%), 2.34KB (2400) data
                                 min         max         mean         sd        +/- sd
            time for request:      369us     25.37ms      2.02ms      1.78ms    91.89%
            time for connect:       11us       598us       299us       423us   100.00%
            time to 1st byte:      965us       965us       965us         0us   100.00%
            req/s           :       0.80      483.72      242.26      341.48   100.00%
            """;

    @TempDir
    Path out;

    @Test
    void wrkFillsMeanP50P90P99AndMaxOnly() throws Exception {
        LoadResult r = ExternalDriver.parseWrk(WRK_OUTPUT, "http://127.0.0.1:18733/", 2, 1, 0, 1);
        LatencySummary l = r.latency();
        assertEquals(1000, l.count());
        assertEquals(3_600_000.0, l.meanNanos());
        assertEquals(1_240_000L, l.p50Nanos());
        assertEquals(10_070_000L, l.p90Nanos());
        assertEquals(25_920_000L, l.p99Nanos());
        assertEquals(34_670_000L, l.maxNanos());
        assertNull(l.minNanos());
        assertNull(l.p999Nanos());
        assertNull(l.p9999Nanos());
        assertNull(l.histogram());
        assertEquals(Math.round(3.99 * 1024 * 1024), r.bytesRead());
        assertEquals(993.5, r.requestsPerSecond());
        assertNull(r.sent());                                                // wrk prints none of these: absent, not 0
        assertNull(r.scheduled());
        assertNull(r.inFlightAtEnd());
    }

    @Test
    void h2loadFillsMinMeanAndMaxOnly() throws Exception {
        LoadResult r = ExternalDriver.parseH2load(H2LOAD_OUTPUT, "http://127.0.0.1:18733/", 2, 1, 0, 1);
        LatencySummary l = r.latency();
        assertEquals(962, l.count());
        assertEquals(369_000L, l.minNanos());
        assertEquals(2_020_000.0, l.meanNanos());
        assertEquals(25_370_000L, l.maxNanos());
        assertNull(l.p50Nanos());
        assertNull(l.p90Nanos());
        assertNull(l.p99Nanos());
        assertNull(l.p999Nanos());
        assertEquals(964L, r.sent());
        assertEquals(2L, r.inFlightAtEnd());                                   // started, never done
        assertEquals(54_756, r.bytesRead());
    }

    @Test
    void aWrkRunHasNoMinNorP999() throws Exception {
        RunResult r = driveOneRun("wrk");
        JsonNode lat = latencyJson("wrk");
        for (String absent : List.of("minNanos", "p999Nanos", "p9999Nanos", "histogram")) {
            assertTrue(lat.get(absent).isNull(), absent + " in " + lat);
        }
        for (String present : List.of("meanNanos", "p50Nanos", "p90Nanos", "p99Nanos", "maxNanos")) {
            assertTrue(lat.get(present).asDouble() > 0, present + " in " + lat);
        }
        String[] row = summaryRow();
        assertTrue(row[3].trim().matches("[\\d.]+ (ns|µs|ms)"), "p50 " + row[3]);
        assertTrue(row[4].trim().matches("[\\d.]+ (ns|µs|ms)"), "p99 " + row[4]);
        assertEquals(Units.NONE, row[5].trim(), "p99.9");
        assertTrue(r.load().requests() > 0);
    }

    @Test
    void anH2loadRunHasNoPercentile() throws Exception {
        RunResult r = driveOneRun("h2load");
        JsonNode lat = latencyJson("h2load");
        for (String absent : List.of("p50Nanos", "p90Nanos", "p99Nanos", "p999Nanos", "p9999Nanos", "histogram")) {
            assertTrue(lat.get(absent).isNull(), absent + " in " + lat);
        }
        for (String present : List.of("minNanos", "meanNanos", "maxNanos")) {
            assertTrue(lat.get(present).asDouble() > 0, present + " in " + lat);
        }
        String[] row = summaryRow();
        for (int i = 3; i <= 6; i++) {                                        // p50, p99, p99.9, p99 uncorrected
            assertEquals(Units.NONE, row[i].trim(), "column " + i + " of " + String.join("|", row));
        }
        assertTrue(r.load().requests() > 0);
    }

    private RunResult driveOneRun(String tool) throws Exception {
        assumeTrue(onPath(tool), tool + " is not installed (scripts/test installs it when run as root with apt-get)");
        CompareOptions o = CompareOptions.defaults().withModels(List.of("virtual")).withWorkloads(List.of("plaintext"))
                .withConnections(List.of(4)).withDuration(Duration.ofSeconds(1)).withWarmup(Duration.ZERO)
                .withHeap("128m").withClientThreads(1).withDriver(tool).withOutRoot(out);
        StringWriter log = new StringWriter();
        CompareRunner runner = new CompareRunner(o, new PrintWriter(log), out.resolve("run"));
        List<RunResult> results = runner.run();
        Reports.write(results, runner.directory());
        assertEquals(1, results.size(), log.toString());
        assertTrue(results.get(0).ok(), results.get(0).failure());
        return results.get(0);
    }

    private JsonNode latencyJson(String tool) throws Exception {
        JsonNode run = Json.MAPPER.readTree(out.resolve("run").resolve("virtual-plaintext-4-r1.json").toFile());
        assertEquals(tool, run.path("load").path("tool").asText());
        return run.path("load").path("latency");
    }

    /** The model's row of the plaintext table: | model | req/s | p50 | p99 | p99.9 | p99 uncorr. | ... */
    private String[] summaryRow() throws Exception {
        String md = Files.readString(out.resolve("run").resolve("summary.md"));
        return md.lines().filter(l -> l.startsWith("| virtual ")).findFirst().orElseThrow(() -> new AssertionError(md))
                .split("\\|");
    }

    private static boolean onPath(String tool) {
        try {
            ExternalDriver.find(tool);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
