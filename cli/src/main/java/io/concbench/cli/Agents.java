package io.concbench.cli;

import io.concbench.harness.result.LoadResult;
import io.concbench.loadgen.LoadOptions;
import io.concbench.loadgen.cli.AgentLauncher;
import io.concbench.loadgen.cli.LoadMain;
import io.concbench.report.LoadMerge;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code concbench load --agents N}: starts N local agent JVMs, {@code load ... --segment i/N
 * --start-at T} with T a few seconds ahead (time for the JVMs to start), waits for them, merges
 * their JSON results with {@link LoadMerge} and returns one result. Each agent is its own process,
 * so each has its own open-file limit: the way past one process's 20,000 descriptors here. Agents
 * inherit this process's CPU affinity (run under {@code taskset} to pin them all).
 */
public final class Agents implements AgentLauncher {

    /**
     * How far ahead the common start is: several JVMs start at once in about a second on an idle
     * 2-core machine, but took over 3 s with the load average at 17 (an agent then starts late: it
     * says so, and its requests due meanwhile count as late).
     */
    static final Duration START_DELAY = Duration.ofSeconds(5);

    @Override
    public LoadResult run(LoadOptions options, List<String> agentArgs, int agents, Path hlog, Path json, PrintWriter err)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("concbench-agents");
        long startAt = System.currentTimeMillis() + START_DELAY.toMillis() + options.warmupNanos() / 1_000_000;
        List<Process> processes = new ArrayList<>();
        Thread hook = new Thread(() -> processes.forEach(Process::destroy), "cb-agents-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < agents; i++) {
                List<String> cmd = new ArrayList<>(List.of(java()));
                cmd.addAll(jvmFlags());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadMain.class.getName()));
                cmd.addAll(agentArgs);
                cmd.addAll(List.of("--segment", i + "/" + agents, "--start-at", Long.toString(startAt),
                        "--json", agentJson(dir, json, i, agents).toString(), "--quiet"));
                if (hlog != null) {
                    cmd.addAll(List.of("--hlog", hlogOf(hlog, i, agents).toString()));
                }
                processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(log(dir, i).toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start());
            }
            List<LoadResult> results = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                int exit = processes.get(i).waitFor();
                if (exit != 0) {
                    String why = lastLine(log(dir, i));
                    String msg = "agent " + i + "/" + agents + " failed (exit " + exit + "): " + why + " (its output: " + log(dir, i) + ")";
                    if (exit == 2) {
                        throw new IllegalArgumentException(msg);
                    }
                    throw new IOException(msg);
                }
                results.add(io.concbench.harness.result.Json.MAPPER.readValue(agentJson(dir, json, i, agents).toFile(), LoadResult.class));
            }
            LoadResult merged = LoadMerge.merge(results);
            for (LoadResult.Agent a : merged.agents()) {
                if (a.lateNanos() > 0) {
                    err.printf(Locale.ROOT, "note: agent %s was ready %.1f ms after the common start; its intended times"
                            + " still counted from it%n", a.segment(), a.lateNanos() / 1e6);
                }
            }
            if (hlog != null) {
                err.printf(Locale.ROOT, "note: each agent wrote its own interval log (%s ...); merge them with"
                        + " concbench report --hlog%n", hlogOf(hlog, 0, agents));
            }
            if (json != null) {
                err.printf(Locale.ROOT, "note: each agent's own result is next to %s (%s ...)%n", json,
                        siblingOf(json, 0, agents, ".json").getFileName());
            }
            err.flush();
            deleteTree(dir);
            return merged;
        } finally {
            processes.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is stopping the agents
            }
        }
    }

    /** {@code run.hlog} → {@code run.agent0of2.hlog}. */
    static Path hlogOf(Path hlog, int i, int n) {
        return siblingOf(hlog, i, n, ".hlog");
    }

    /** {@code dir/FILE.ext} → {@code dir/FILE.agent<i>of<n>.ext}. */
    static Path siblingOf(Path file, int i, int n, String defaultExt) {
        Path abs = file.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : defaultExt;
        return abs.resolveSibling(stem + ".agent" + i + "of" + n + ext);
    }

    /** Where agent i writes its result: next to --json when given, else in the temporary directory. */
    private static Path agentJson(Path dir, Path json, int i, int n) {
        return json != null ? siblingOf(json, i, n, ".json") : dir.resolve("agent-" + i + ".json");
    }

    private static Path log(Path dir, int i) {
        return dir.resolve("agent-" + i + ".log");
    }

    /** This JVM's own flags (heap, GC: what compare gives its client), without agents that would clash (a debugger's port). */
    private static List<String> jvmFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> !f.startsWith("-agentlib") && !f.startsWith("-javaagent") && !f.startsWith("-XX:Flags")
                        && !f.startsWith("-Djava.class.path"))
                .toList();
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).trim();
            }
        }
        return "no output";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
