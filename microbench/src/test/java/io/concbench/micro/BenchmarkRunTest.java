package io.concbench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke runs through JMH's Runner API with tiny settings: one forked JVM on the test class path,
 * one 100 ms warm-up and one 100 ms measurement iteration. They prove the annotation processor
 * generated runnable benchmarks, that the fork starts with the class's JVM arguments, and that the
 * JSON scripts/micro relies on appears with the expected names and secondary metrics.
 */
class BenchmarkRunTest {

    private static final String PACKAGE = "io.concbench.micro.";

    @TempDir
    Path dir;

    @Test
    void middlewareChainRunWritesJsonNamingItsBenchmarks() throws Exception {
        Path json = dir.resolve("chain.json");
        new Runner(tiny("MiddlewareChain", json)
                .param("chain", "static")
                .param("k", "1")
                .addProfiler(GCProfiler.class)
                .build()).run();

        JsonNode results = read(json);
        assertEquals(Set.of(PACKAGE + "chain.MiddlewareChain.chain", PACKAGE + "chain.MiddlewareChain.noChain"),
                names(results));
        for (JsonNode b : results) {
            assertTrue(b.path("primaryMetric").path("score").asDouble() > 0, b.toString());
            assertTrue(b.path("secondaryMetrics").has("gc.alloc.rate.norm"), "bytes/op from -prof gc: " + b);
        }
    }

    @Test
    void bufferReuseRunReportsBytesPerRequestForEachVariant() throws Exception {
        Path json = dir.resolve("buffers.json");
        new Runner(tiny("BufferReuse", json)
                .addProfiler(GCProfiler.class)
                .build()).run();

        JsonNode results = read(json);
        assertEquals(Set.of(PACKAGE + "buffers.BufferReuse.fresh", PACKAGE + "buffers.BufferReuse.pooled",
                PACKAGE + "buffers.BufferReuse.owned"), names(results));
        for (JsonNode b : results) {
            assertTrue(b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").isNumber(), "bytes/op from -prof gc: " + b);
            assertEquals("4096", b.path("params").path("size").asText(), b.toString());
        }
    }

    @Test
    void schedulerRunCarriesTheProfilersLatencyAndSwitchColumns() throws Exception {
        Path json = dir.resolve("scheduler.json");
        new Runner(tiny("Scheduler.executor", json)
                .param("executor", "edf")
                .param("workload", "mixed")
                .addProfiler(io.concbench.micro.scheduler.SchedulerProfiler.class)
                .build()).run();

        JsonNode results = read(json);
        assertEquals(Set.of(PACKAGE + "scheduler.Scheduler.executor"), names(results));
        JsonNode secondary = results.get(0).path("secondaryMetrics");
        for (String metric : new String[] {"submitToStart.mean", "submitToStart.p99", "deadlineMisses",
                "switches.voluntary", "switches.nonvoluntary"}) {
            assertTrue(secondary.has(metric), metric + " missing from " + secondary);
        }
        assertTrue(secondary.path("submitToStart.p99").path("score").asDouble()
                >= secondary.path("submitToStart.mean").path("score").asDouble() * 0.5, secondary.toString());
    }

    private static ChainedOptionsBuilder tiny(String include, Path json) {
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
    }

    private static JsonNode read(Path json) throws IOException {
        assertTrue(Files.exists(json), "JMH wrote no JSON to " + json);
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        assertTrue(root.isArray() && !root.isEmpty(), "expected a non-empty JSON array, got " + root);
        return root;
    }

    private static Set<String> names(JsonNode results) {
        Set<String> names = new TreeSet<>();
        results.forEach(b -> names.add(b.path("benchmark").asText()));
        return names;
    }
}
