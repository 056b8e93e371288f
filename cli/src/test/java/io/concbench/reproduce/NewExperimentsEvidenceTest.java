package io.concbench.reproduce;

import io.concbench.harness.result.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiments issue 13 added, read back by {@link Evidence} from trimmed copies of real runs
 * (test resources under {@code evidence/}): T12 end to end, BufferReuse, T6 by duration. Figures
 * are checked against the values in those files, not against any expectation of speed.
 */
class NewExperimentsEvidenceTest {

    private static final String FIXTURES = "evidence/";
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    /** Copies {@code files} (resource names under evidence/) into the run directory and records {@code ids} as succeeded. */
    private Evidence evidence(List<String> files, String... ids) throws IOException {
        Path run = Files.createTempDirectory(dir, "run");
        for (String f : files) {
            Path target = run.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = NewExperimentsEvidenceTest.class.getResourceAsStream(FIXTURES + f)) {
                if (in == null) {
                    throw new AssertionError("missing test resource " + FIXTURES + f);
                }
                Files.copy(in, target);
            }
        }
        Manifest m = Manifest.started(Settings.quick(), HostInfo.detect(), "benchmarks.jar", List.of());
        for (String id : ids) {
            m = m.with(new Manifest.ExperimentRecord(id, id, "", "", true, "", "", 1, files));
        }
        return new Evidence(run, m);
    }

    // ---- T12 end to end ---------------------------------------------------------------------------

    private static final List<String> T12_FILES = List.of(
            "t12-end-to-end/round-1/virtual-static-plaintext-50-r1.json",
            "t12-end-to-end/round-1/virtual-dynamic-plaintext-50-r1.json",
            "t12-end-to-end/round-2/virtual-dynamic-plaintext-50-r1.json",
            "t12-end-to-end/round-2/virtual-static-plaintext-50-r1.json");

    @Test
    void t12RoundsPairTheStaticAndDynamicRunOfEachRound() throws IOException {
        Evidence e = evidence(T12_FILES, Experiments.T12_END_TO_END);
        List<Evidence.ChainRound> rounds = e.t12Rounds();
        assertEquals(List.of(1, 2), rounds.stream().map(Evidence.ChainRound::round).toList());
        for (Evidence.ChainRound r : rounds) {
            assertEquals(Experiments.T12_STATIC, r.staticChain().run().model());
            assertEquals(Experiments.T12_DYNAMIC, r.dynamicChain().run().model());
            assertTrue(r.staticChain().file().startsWith("t12-end-to-end/round-" + r.round() + "/"), r.staticChain().file());
            for (Evidence.RunFile f : List.of(r.staticChain(), r.dynamicChain())) {
                // The recorded runs passed the chain's auth middleware: compare sent its header.
                assertEquals(0, f.run().load().errors().total(), f.file());
                assertTrue(f.run().load().requests() > 0, f.file());
            }
        }
        Evidence.ChainRound first = rounds.get(0);
        double qps = first.staticChain().run().load().requestsPerSecond() / first.dynamicChain().run().load().requestsPerSecond();
        assertEquals(qps, e.t12Ratios(Evidence.EndToEndMetric.QPS).get(0).value(), EXACT);
        double p50 = (double) first.staticChain().run().load().latency().p50Nanos() / first.dynamicChain().run().load().latency().p50Nanos();
        assertEquals(p50, first.ratio(Evidence.EndToEndMetric.P50_LATENCY).value(), EXACT);
        double cpu = first.staticChain().run().server().cpuSecondsPer1kRequests() / first.dynamicChain().run().server().cpuSecondsPer1kRequests();
        assertEquals(cpu, first.ratio(Evidence.EndToEndMetric.SERVER_CPU_PER_REQUEST).value(), EXACT);
        Measured perRequest = Evidence.EndToEndMetric.SERVER_CPU_PER_REQUEST.of(first.staticChain());
        assertEquals(first.staticChain().run().server().cpuSecondsPer1kRequests() * 1_000, perRequest.value(), EXACT);
        assertTrue(perRequest.source().endsWith("server.cpuSecondsPer1kRequests × 1,000 (µs per request)"), perRequest.source());
        assertEquals(2, e.t12Ratios(Evidence.EndToEndMetric.MEAN_LATENCY).size());
    }

    @Test
    void aT12RoundMissingAChainIsLeftOutAndNoRoundAtAllIsNotMeasured() throws IOException {
        Evidence partial = evidence(T12_FILES.subList(0, 3), Experiments.T12_END_TO_END);
        assertEquals(List.of(1), partial.t12Rounds().stream().map(Evidence.ChainRound::round).toList());

        Evidence none = evidence(List.of(), Experiments.T12_END_TO_END);
        assertThrows(NotMeasured.class, none::t12Rounds);
    }

    @Test
    void theRoundsAlternateWhichChainRunsFirst() {
        assertEquals(List.of(Experiments.T12_STATIC, Experiments.T12_DYNAMIC), Experiments.t12Order(1));
        assertEquals(List.of(Experiments.T12_DYNAMIC, Experiments.T12_STATIC), Experiments.t12Order(2));
        assertEquals("virtual-static", Experiments.fileStem(Experiments.T12_STATIC));
        assertEquals("reactor-w2-dynamic", Experiments.fileStem("reactor:2+dynamic"));
        assertEquals("reactor-w2", Experiments.fileStem("reactor:2"));
    }

    // ---- BufferReuse --------------------------------------------------------------------------------

    @Test
    void bufferReuseGivesEachVariantsBytesPerRequestWithItsErrorAndGcCycles() throws IOException {
        Evidence e = evidence(List.of("jmh-buffer-reuse.json"), Experiments.BUFFER_REUSE);
        // The recorded values, as jmh-buffer-reuse.json has them.
        Evidence.JmhScore fresh = e.bufferReuse(Evidence.BUFFER_FRESH, Evidence.ALLOC_NORM);
        assertEquals(4112.004294662304, fresh.score(), EXACT);
        assertEquals(0.006818656046598487, fresh.error(), EXACT);
        assertEquals("B/op", fresh.unit());
        assertEquals(3, fresh.iterations().length);
        assertEquals(fresh.score() - fresh.error(), fresh.low(), EXACT);
        assertTrue(fresh.measured().text().contains(" ± "), fresh.measured().text());
        Evidence.JmhScore pooled = e.bufferReuse(Evidence.BUFFER_POOLED, Evidence.ALLOC_NORM);
        assertEquals(0.0027217969698197127, pooled.score(), EXACT);
        assertTrue(e.bufferReuse(Evidence.BUFFER_OWNED, null).score() > 0, "ns per request");

        Evidence.JmhScore freshGcs = e.bufferReuse(Evidence.BUFFER_FRESH, Evidence.GC_COUNT);
        assertEquals(506, freshGcs.score(), EXACT);
        assertFalse(freshGcs.hasError(), "JMH prints no error for gc.count");
        assertEquals(156, freshGcs.low(), EXACT);
        assertEquals(186, freshGcs.high(), EXACT);

        Evidence.JmhScore perSecond = e.bufferReuseGcPerSecond(Evidence.BUFFER_FRESH);
        assertEquals((156 + 164 + 186) / 3.0 / 0.4, perSecond.score(), 1e-6);
        assertEquals(156 / 0.4, perSecond.low(), 1e-6);
        assertEquals(0, e.bufferReuseGcPerSecond(Evidence.BUFFER_POOLED).score(), EXACT);
        assertThrows(NotMeasured.class, () -> e.bufferReuse("nope", Evidence.ALLOC_NORM));
    }

    @Test
    void jmhTimesReadAsSeconds() {
        assertEquals(0.4, Evidence.jmhSeconds("400 ms"), EXACT);
        assertEquals(1, Evidence.jmhSeconds("1 s"), EXACT);
        assertTrue(Double.isNaN(Evidence.jmhSeconds("soon")));
    }

    // ---- T6 by duration -----------------------------------------------------------------------------

    @Test
    void t6TimedGivesEachRoundsFigureInRoundOrder() throws IOException {
        Evidence e = evidence(List.of("t6-timed/reactor-w2-plaintext-1000-r1.json", "t6-timed/reactor-w2-plaintext-1000-r2.json",
                "t6-timed/virtual-plaintext-1000-r1.json", "t6-timed/virtual-plaintext-1000-r2.json"), Experiments.T6_TIMED);
        List<Measured> reactor = e.t6TimedRounds("reactor:2", Evidence.RunMetric.QPS);
        assertEquals(2, reactor.size());
        List<Evidence.RunFile> runs = e.runs(Experiments.T6_TIMED, "reactor:2", "plaintext", Experiments.T6_CONNECTIONS);
        for (int i = 0; i < 2; i++) {
            assertEquals(runs.get(i).run().load().requestsPerSecond(), reactor.get(i).value(), EXACT);
            assertTrue(reactor.get(i).source().startsWith("t6-timed/reactor-w2-plaintext-1000-r" + (i + 1) + ".json"));
        }
        assertEquals(2, e.t6TimedRounds("virtual", Evidence.RunMetric.MEAN_LATENCY).size());
        assertThrows(NotMeasured.class, () -> e.t6TimedRounds("multiprocess:2", Evidence.RunMetric.QPS));
    }

    // ---- one thread-pool stand-in ---------------------------------------------------------------------

    @Test
    void oneThreadPoolStandsInForT2AndT4AndTheMemoryExperimentMeasuresItAndThreadPerConnection() {
        assertEquals(Experiments.THREADPOOL, Experiments.THREAD_POOL_STAND_IN);
        assertEquals(List.of(Experiments.THREAD_POOL_STAND_IN, Experiments.THREAD_PER_CONNECTION), Experiments.BLOCKING_MODELS);
        Map<String, Experiment> all = Experiments.all(Settings.quick(), dir.resolve("b.jar"), dir.resolve("b.jar"), dir, 2);
        String memory = all.get(Experiments.MEMORY).command();
        assertTrue(memory.contains("--models " + Experiments.THREAD_POOL_STAND_IN + "," + Experiments.THREAD_PER_CONNECTION), memory);
        assertTrue(memory.contains("--memory-connections 5000,10000"), memory);
        for (String id : List.of(Experiments.T12_END_TO_END, Experiments.BUFFER_REUSE, Experiments.T6_TIMED)) {
            assertTrue(all.containsKey(id), id);
            assertTrue(all.get(id).estimateSeconds() > 0, id);
        }
        assertTrue(all.get(Experiments.BUFFER_REUSE).command().contains("BufferReuse -prof gc"), all.get(Experiments.BUFFER_REUSE).command());
        assertTrue(all.get(Experiments.T6_TIMED).command().contains("--models reactor:2,multiprocess:2,virtual"));
    }
}
