package io.concbench.reproduce;

import io.concbench.compare.Compare;
import io.concbench.harness.result.HostInfo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The entry point of {@code concbench reproduce}: the chapter's tables T1–T13, re-measured claim
 * by claim on this machine, into {@code results/chapter/<UTC timestamp>/chapter-tables.md} with
 * the raw JSON of every experiment beside it.
 */
public final class Reproduce {

    /** The same naming as compare's run directories. */
    static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    static final String RESULTS = "results/chapter";
    static final String BENCHMARKS_JAR = "microbench/target/benchmarks.jar";

    /**
     * What the user asked for.
     *
     * @param quick about five to ten minutes on a 2-core machine instead of about fifteen to twenty
     * @param tables table ids (T1 … T13); empty = all
     * @param out where run directories go; null = results/chapter under the project
     * @param benchmarksJar the JMH jar; null = microbench/target/benchmarks.jar under the project
     * @param experiments only these experiment ids (empty = every one the tables need); with no
     *                    tables given, the tables judged are those that use one of them
     */
    public record Request(boolean quick, List<String> tables, Path out, Path benchmarksJar, List<String> experiments) {
        public Request {
            tables = tables == null ? List.of() : List.copyOf(tables);
            experiments = experiments == null ? List.of() : List.copyOf(experiments);
        }

        public Request(boolean quick, List<String> tables, Path out, Path benchmarksJar) {
            this(quick, tables, out, benchmarksJar, List.of());
        }
    }

    private Reproduce() {}

    /** The table ids, T1 … T13. */
    public static List<String> tableIds() {
        return Chapter.ids();
    }

    /**
     * Runs the experiments the tables need and writes the document; returns the exit code, 0 even
     * when experiments failed (their claims say "not measured: reason").
     *
     * @throws IllegalArgumentException for an unknown table or experiment id, naming it and the valid ones
     */
    public static int run(Request request, PrintWriter out) throws IOException {
        Settings settings = request.quick() ? Settings.quick() : Settings.full();
        Path home = home();
        Path jar = request.benchmarksJar() != null ? request.benchmarksJar() : home.resolve(BENCHMARKS_JAR);
        Path root = request.out() != null ? request.out() : home.resolve(RESULTS);
        Path dir = root.resolve(DIR_NAME.format(Instant.now()));
        HostInfo host = HostInfo.detect();
        // The user's ids are checked before anything is copied or run.
        List<String> only = selectExperiments(request.experiments(), Experiments.all(settings, jar, jar, home, host.cores()).keySet());
        List<ChapterTable> tables = only.isEmpty() || !request.tables().isEmpty() ? Chapter.select(request.tables())
                : Chapter.select(List.of()).stream().filter(t -> t.experiments().stream().anyMatch(only::contains)).toList();
        Path runJar = snapshot(jar);
        Map<String, Experiment> experiments = Experiments.all(settings, jar, runJar, home, host.cores());
        // Servers end with their stdin, but a JMH run or a sleepers JVM would outlive a killed reproduce.
        Thread hook = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "reproduce-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new ReproduceRun(settings, experiments, dir, out).run(tables, host, jar, only);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            if (!runJar.equals(jar)) {
                Files.deleteIfExists(runJar);
            }
        }
    }

    /**
     * The experiment ids asked for, in the order given, each once.
     *
     * @throws IllegalArgumentException for an unknown id, naming it and the valid ones
     */
    static List<String> selectExperiments(List<String> ids, Collection<String> known) {
        List<String> out = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.trim();
            if (!known.contains(id)) {
                throw new IllegalArgumentException("--experiments: unknown experiment '" + id + "'; valid ids: "
                        + String.join(", ", known) + " (e.g. --experiments " + Experiments.T12_END_TO_END + ")");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * A private copy of the JMH jar for this run: a run lasts many minutes, and a rebuild of
     * microbench meanwhile would change, or break, what later JMH forks load. A missing jar is
     * returned as is; the experiments that need it say so.
     */
    static Path snapshot(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return jar;
        }
        Path copy = Files.createTempFile("concbench-reproduce-benchmarks", ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /**
     * Judges a finished (or interrupted) run again from its files and rewrites its
     * chapter-tables.md and claims.json; runs nothing.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory reproduce wrote
     */
    public static Path render(Path dir, PrintWriter out) throws IOException {
        Manifest m = Manifest.read(dir);
        List<TableResult> results = ReproduceRun.write(dir, m);
        out.println(ReproduceRun.glance(results));
        Path doc = dir.resolve(ReproduceRun.DOCUMENT);
        out.println("chapter tables: " + doc);
        if (Readme.update(home(), dir, m, results)) {
            out.println("README.md: verdict counts now those of " + dir.getFileName());
        }
        out.flush();
        return doc;
    }

    /** The project root scripts/concbench exports, else the current directory. */
    static Path home() {
        String h = System.getenv(Compare.HOME_ENV);
        return Path.of(h != null ? h : "").toAbsolutePath();
    }
}
