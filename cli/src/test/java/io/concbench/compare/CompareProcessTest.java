package io.concbench.compare;

import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare as a user runs it, in its own JVM, stopped with SIGTERM halfway. */
class CompareProcessTest {

    @TempDir
    Path out;

    @Test
    void sigtermStopsEveryChildAndKeepsFinishedRunsAndTheirSummary() throws Exception {
        Process compare = new ProcessBuilder(Launcher.currentJava().toString(), "-cp", System.getProperty("java.class.path"),
                "io.concbench.cli.Main", "compare", "--models", "virtual,threadpool,virtual,threadpool",
                "--workloads", "plaintext", "--connections", "4", "--duration", "2s", "--warmup", "0s",
                "--heap", "128m", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("compare.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (finishedRuns().isEmpty() && compare.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(finishedRuns().isEmpty(), "no run finished: " + Files.readString(out.resolve("compare.log")));
        // Between runs compare briefly has no children: wait for the second run's server and client to start.
        List<ProcessHandle> children = compare.descendants().toList();
        while (children.size() < 2 && compare.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            children = compare.descendants().toList();
        }
        assertFalse(children.isEmpty(), "the second run's server and client should be running");

        compare.destroy();                                    // SIGTERM, as a user's kill or Ctrl-C
        assertTrue(compare.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));

        long gone = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (children.stream().anyMatch(CompareProcessTest::running) && System.nanoTime() < gone) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), children.stream().filter(CompareProcessTest::running).map(ProcessHandle::pid).toList(),
                "child JVMs outlived compare");
        Path dir = finishedRuns().get(0).getParent();
        for (Path run : finishedRuns()) {
            assertTrue(Json.MAPPER.readValue(run.toFile(), RunResult.class).ok(), run + " is whole and finished");
        }
        assertTrue(Files.exists(dir.resolve("summary.md")), "the summary of finished runs is written on SIGTERM");
        String log = Files.readString(out.resolve("compare.log"));
        assertTrue(log.contains("interrupted"), log);
    }

    /** Alive and not a zombie: an orphan whose parent never reaps it stays a zombie here, holding nothing. */
    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> finishedRuns() throws IOException {
        try (Stream<Path> s = Files.walk(out, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-r1.json") || p.getFileName().toString().endsWith("-r2.json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

}
