package io.concbench.compare;

import io.concbench.report.Reports;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Tiny matrices with real child JVMs: what a run writes, and what survives failures and interruption. */
class CompareRunnerTest {

    @TempDir
    Path out;

    private CompareOptions options(List<String> models, List<Workload> workloads) {
        return CompareOptions.defaults().withModels(models).withWorkloads(workloads.stream().map(Workload::id).toList())
                .withConnections(List.of(4)).withMemoryConnections(List.of(50)).withDuration(Duration.ofSeconds(1))
                .withWarmup(Duration.ZERO).withHeap("128m").withOutRoot(out);
    }

    private static List<Path> runFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aRunWritesEveryFileAndAFailingModelIsRecordedWhileOthersRun() throws Exception {
        StringWriter log = new StringWriter();
        CompareRunner runner = new CompareRunner(options(List.of("broken", "virtual"), List.of(Workload.PLAINTEXT, Workload.MEMORY)),
                new PrintWriter(log), out.resolve("run"));
        List<RunResult> results = runner.run();
        String summary = Reports.write(results, runner.directory());

        assertEquals(4, results.size(), log.toString());
        assertEquals(List.of("broken-memory-50-r1.json", "broken-plaintext-4-r1.json", "virtual-memory-50-r1.json",
                "virtual-plaintext-4-r1.json"), runFiles(runner.directory()).stream().map(p -> p.getFileName().toString()).toList());

        RunResult broken = Json.MAPPER.readValue(runner.directory().resolve("broken-plaintext-4-r1.json").toFile(), RunResult.class);
        assertFalse(broken.ok());
        assertTrue(broken.failure().contains("broken on purpose"), broken.failure());

        RunResult load = Json.MAPPER.readValue(runner.directory().resolve("virtual-plaintext-4-r1.json").toFile(), RunResult.class);
        assertTrue(load.ok(), load.failure());
        assertTrue(load.load().requests() > 0);
        assertEquals(0, load.load().errors().total());
        assertTrue(load.serverStats().requests() >= load.load().requests());
        assertTrue(load.server() != null && load.server().samples().size() >= 2);
        assertEquals("virtual", load.model());
        assertTrue(load.environment().serverJdk() != null);

        RunResult memory = Json.MAPPER.readValue(runner.directory().resolve("virtual-memory-50-r1.json").toFile(), RunResult.class);
        assertTrue(memory.ok(), memory.failure());
        assertEquals(50, memory.memory().held());
        assertTrue(memory.memory().loaded().nmtCommittedBytes() > 0, "memory runs start the server with NMT");

        assertTrue(Files.exists(runner.directory().resolve("summary.md")));
        assertTrue(Files.exists(runner.directory().resolve("summary.csv")));
        try (Stream<Path> charts = Files.list(runner.directory().resolve("charts"))) {
            assertTrue(charts.anyMatch(p -> p.toString().endsWith(".svg")));
        }
        assertTrue(summary.contains("virtual"));
        assertTrue(summary.contains("broken on purpose"), "failed runs are listed with their reason");
        assertNoChildLeft();
    }

    @Test
    void aChainedModelIsServedBehindItsChainAndEveryRequestPassesTheAuthMiddleware() throws Exception {
        CompareRunner runner = new CompareRunner(options(List.of("virtual+static", "virtual+dynamic"), List.of(Workload.PLAINTEXT)),
                new PrintWriter(new StringWriter()), out.resolve("run"));
        List<RunResult> results = runner.run();
        assertEquals(List.of("virtual-dynamic-plaintext-4-r1.json", "virtual-static-plaintext-4-r1.json"),
                runFiles(runner.directory()).stream().map(p -> p.getFileName().toString()).toList());
        for (RunResult r : results) {
            assertTrue(r.ok(), r.failure());
            assertTrue(r.load().requests() > 0, r.model());
            // Without compare's Authorization header the chain's first link would answer every request 401.
            assertEquals(0, r.load().errors().total(), r.model() + ": " + r.load().errors());
        }
        assertNoChildLeft();
    }

    @Test
    void jfrWritesARecordingPerServerRun() throws Exception {
        CompareOptions o = options(List.of("virtual"), List.of(Workload.PLAINTEXT));
        CompareOptions withJfr = o.withJfr(true);
        CompareRunner runner = new CompareRunner(withJfr, new PrintWriter(new StringWriter()), out.resolve("run"));
        RunResult r = runner.run().get(0);
        assertTrue(r.ok(), r.failure());
        assertTrue(Files.size(runner.directory().resolve("jfr").resolve("virtual-plaintext-4-r1.jfr")) > 0);
    }

    @Test
    void aServerThatDiesMidRunIsAFailedRunWithItsExitCodeAndLastWords() throws Exception {
        CompareOptions o = options(List.of("crashing"), List.of(Workload.PLAINTEXT));
        CompareOptions threeSeconds = o.withDuration(Duration.ofSeconds(3));
        CompareRunner runner = new CompareRunner(threeSeconds, new PrintWriter(new StringWriter()), out.resolve("run"));
        RunResult r = runner.run().get(0);
        assertFalse(r.ok());
        assertTrue(r.failure().contains("exited with code " + CrashingModel.EXIT_CODE), r.failure());
        assertTrue(r.failure().contains("crashing on purpose"), r.failure());
        assertTrue(Files.exists(runner.directory().resolve("crashing-plaintext-4-r1.json")));
        assertNoChildLeft();
    }

    @Test
    void anInterruptedMatrixKeepsFinishedRunsAndLeavesNoChild() throws Exception {
        CompareRunner runner = new CompareRunner(options(List.of("virtual", "threadpool:8", "virtual"), List.of(Workload.PLAINTEXT)),
                new PrintWriter(new StringWriter()), out.resolve("run"));
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                runner.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (runner.finished().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        runner.abort();
        t.join(30_000);
        assertFalse(t.isAlive());
        List<Path> files = runFiles(runner.directory());
        assertTrue(files.size() >= 1 && files.size() <= 2, files.toString());
        for (Path f : files) {
            RunResult r = Json.MAPPER.readValue(f.toFile(), RunResult.class);
            assertTrue(r.ok(), "a kept run is a finished run: " + f + ": " + r.failure());
        }
        assertNoChildLeft();
    }

    @Test
    void anOutsideCpuHogDuringARunMarksItDisturbed() throws Exception {
        CompareOptions o = options(List.of("virtual"), List.of(Workload.PLAINTEXT)).withDuration(Duration.ofSeconds(2));
        // A busy loop on the CPUs the server and the client run on: CPU that none of the run's processes used.
        String cpus = String.join(",", List.of(o.serverCpus(), o.clientCpus()).stream().filter(c -> !c.isEmpty()).toList());
        List<String> spin = List.of("sh", "-c", "while :; do :; done");
        List<String> cmd = new java.util.ArrayList<>();
        if (!cpus.isEmpty() && Launcher.of(o.serverJava()).canPin()) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.addAll(spin);
        Process hog = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        RunResult r;
        try {
            CompareRunner runner = new CompareRunner(o, new PrintWriter(new StringWriter()), out.resolve("run"));
            r = runner.run().get(0);
        } finally {
            hog.destroyForcibly();
            hog.waitFor();
        }
        assertTrue(r.ok(), r.failure());
        RunResult.MachineLoad m = r.environment().machineLoad();
        assertTrue(m != null && m.outsideCpuPercentOfOneCore() != null,
                "the accounting added up (machine busy >= server + client + compare, within the tolerance): " + m);
        assertTrue(m.outsideCpuPercentOfOneCore() > 20, "a spinning process took a share of a core: " + m);
        assertTrue(m.disturbed(), m.toString());
        assertEquals(CompareOptions.defaults().disturbedAbovePercent(), m.disturbedAbovePercent());
        RunResult onDisk = Json.MAPPER.readValue(out.resolve("run").resolve("virtual-plaintext-4-r1.json").toFile(), RunResult.class);
        assertTrue(onDisk.environment().machineLoad().disturbed());
        String summary = Reports.markdown(List.of(onDisk));
        assertTrue(summary.contains("- **disturbed runs**: 1 of 1 (outside CPU above 10 % of a core"), summary);
        assertTrue(summary.contains("⚠ disturbed"), summary);
        assertTrue(summary.contains("Disturbed (outside CPU above 10 % of a core, figures suspect): virtual r1"), summary);
        assertNoChildLeft();
    }

    @Test
    void crossCheckRunsWrkAndH2loadBesideTheBuiltinClientAndKeepsThemOutOfItsMedians() throws Exception {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        assumeTrue(ExternalDriver.onPath("wrk", path).isPresent() && ExternalDriver.onPath("h2load", path).isPresent(),
                "wrk and h2load are not installed (apt-get install wrk nghttp2-client)");
        CompareOptions o = options(List.of("virtual"), List.of(Workload.PLAINTEXT, Workload.IO)).withCrossCheck(true);
        StringWriter log = new StringWriter();
        CompareRunner runner = new CompareRunner(o, new PrintWriter(log), out.resolve("run"));
        List<RunResult> results = runner.run();
        String summary = Reports.write(results, runner.directory());

        assertEquals(List.of("virtual-io-4-r1.json", "virtual-plaintext-4-r1-h2load.json", "virtual-plaintext-4-r1-wrk.json",
                "virtual-plaintext-4-r1.json"), runFiles(runner.directory()).stream().map(p -> p.getFileName().toString()).toList(),
                "only plaintext/json cells are cross-checked");
        assertFalse(log.toString().contains("not installed"), log.toString());
        for (String tool : List.of("wrk", "h2load")) {
            RunResult x = Json.MAPPER.readValue(runner.directory().resolve("virtual-plaintext-4-r1-" + tool + ".json").toFile(), RunResult.class);
            assertTrue(x.ok(), x.failure());
            assertTrue(x.environment().crossCheck());
            assertEquals(tool, x.environment().driver());
            assertEquals(tool, x.load().tool());
            assertTrue(x.load().requestsPerSecond() > 0);
        }
        RunResult builtin = Json.MAPPER.readValue(runner.directory().resolve("virtual-plaintext-4-r1.json").toFile(), RunResult.class);
        assertFalse(builtin.environment().crossCheck());
        assertEquals("builtin", builtin.environment().driver());

        assertTrue(summary.contains("## Cross-check"), summary);
        assertTrue(summary.contains("- **driver**: builtin (cross-checked with wrk, h2load)"), summary);
        String row = summary.lines().filter(l -> l.startsWith("| plaintext, 4 connections | virtual")).findFirst().orElse("");
        assertTrue(row.matches(".*\\(\\d[.\\d]*×\\).*\\(\\d[.\\d]*×\\).*"), "req/s with a ratio for wrk and for h2load: " + row + "\n" + summary);
        assertTrue(row.contains("within 10 %") || row.contains("⚠ beyond 10 %"), row);
        String plaintextTable = summary.substring(summary.indexOf("### plaintext"), summary.indexOf("## Cross-check"));
        String virtualRow = plaintextTable.lines().filter(l -> l.startsWith("| virtual")).findFirst().orElseThrow();
        assertTrue(virtualRow.endsWith("|    1 |") || virtualRow.matches(".*\\|\\s*1 \\|$"), "one builtin run in the medians: " + virtualRow);
        assertNoChildLeft();
    }

    @Test
    void crossCheckSaysOnceWhichToolIsNotInstalledAndHowToGetIt(@TempDir Path bin) throws Exception {
        StringWriter log = new StringWriter();
        assertEquals(List.of(), CompareRunner.crossCheckers(bin.resolve("nowhere") + ":" + bin, new PrintWriter(log)));
        assertEquals(List.of("wrk not installed: apt-get install wrk (--crosscheck runs without it)",
                "h2load not installed: apt-get install nghttp2-client (--crosscheck runs without it)"), log.toString().lines().toList());

        Path wrk = Files.writeString(bin.resolve("wrk"), "#!/bin/sh\n");
        wrk.toFile().setExecutable(true);
        StringWriter log2 = new StringWriter();
        List<ExternalDriver> found = CompareRunner.crossCheckers(bin.toString(), new PrintWriter(log2));
        assertEquals(List.of("wrk"), found.stream().map(ExternalDriver::tool).toList());
        assertEquals(List.of("h2load not installed: apt-get install nghttp2-client (--crosscheck runs without it)"),
                log2.toString().lines().toList());
    }

    private static void assertNoChildLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList());
    }
}
