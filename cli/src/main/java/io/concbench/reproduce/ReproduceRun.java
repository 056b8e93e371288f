package io.concbench.reproduce;

import io.concbench.harness.result.AtomicFiles;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One reproduce run, behind the {@link Reproduce} facade: table by table, the experiments each
 * needs (each once), a progress line per table with its verdicts, then the document. Its static
 * half judges a run directory's files and writes the document, for a run and for
 * {@link Reproduce#render} alike. Called from one thread.
 */
final class ReproduceRun {

    static final String DOCUMENT = "chapter-tables.md";
    static final String CLAIMS = "claims.json";
    static final String CLAIMS_SCHEMA = "concbench.chapter-claims/1";
    private static final double NANOS_PER_SECOND = 1e9;
    /** Estimates from this many seconds on read better in minutes. */
    private static final long SHOW_MINUTES_FROM = 90;

    private final Settings settings;
    private final Map<String, Experiment> experiments;
    private final Path dir;
    private final PrintWriter out;
    private Manifest manifest;

    ReproduceRun(Settings settings, Map<String, Experiment> experiments, Path dir, PrintWriter out) {
        this.settings = settings;
        this.experiments = experiments;
        this.dir = dir;
        this.out = out;
    }

    /** Runs every experiment the tables need and writes the document; returns 0 (failed experiments are recorded, not fatal). */
    int run(List<ChapterTable> tables, HostInfo host, Path benchmarksJar) throws IOException {
        return run(tables, host, benchmarksJar, List.of());
    }

    /**
     * As {@link #run(List, HostInfo, Path)}, but with {@code only} non-empty runs just those
     * experiments: the ones the tables use in table order, then the rest in the order given. A
     * claim whose experiment did not run reads "not measured".
     */
    int run(List<ChapterTable> tables, HostInfo host, Path benchmarksJar, List<String> only) throws IOException {
        Files.createDirectories(dir);
        manifest = Manifest.started(settings, host, benchmarksJar.toString(), tables.stream().map(ChapterTable::id).toList());
        manifest.write(dir);
        out.printf("concbench reproduce (%s) -> %s%n", settings.mode(), dir);
        out.printf("machine: %s, %d cores; JDK %s; load average %s%n", host.cpuModel(), host.cores(), manifest.jdk(),
                manifest.loadAverageAtStart());
        out.flush();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < tables.size(); i++) {
            ChapterTable t = tables.get(i);
            out.printf("[%s %d/%d] %s%n", t.id(), i + 1, tables.size(), t.title());
            out.flush();
            for (String id : t.experiments()) {
                if ((only.isEmpty() || only.contains(id)) && done.add(id)) {
                    runExperiment(id);
                }
            }
            TableResult r = judge(t, new Evidence(dir, manifest));
            out.printf("  %s: %s%n", t.id(), Document.summary(r));
            out.flush();
        }
        for (String id : only) {
            if (done.add(id)) {
                out.printf("[%s] no table judges it yet%n", id);
                runExperiment(id);
            }
        }
        manifest = manifest.finished(Instant.now().toString(), Manifest.loadAverage());
        manifest.write(dir);
        if (tables.isEmpty()) {
            // An empty table list in the manifest means every table to render: there is nothing to judge.
            out.println("no table uses these experiments yet, so none is judged; their files are in " + dir);
            out.flush();
            return 0;
        }
        List<TableResult> results = write(dir, manifest);
        out.println();
        out.println(glance(results));
        out.println("chapter tables: " + dir.resolve(DOCUMENT));
        if (Readme.update(Reproduce.home(), dir, manifest, results)) {
            out.println("README.md: verdict counts now those of " + dir.getFileName());
        }
        out.flush();
        return 0;
    }

    private void runExperiment(String id) throws IOException {
        Experiment x = experiments.get(id);
        if (x == null) {
            throw new IllegalStateException("no experiment named " + id);
        }
        out.printf("  %s: %s (about %s)%n", id, x.title(), about(x.estimateSeconds()));
        out.flush();
        String started = Instant.now().toString();
        long t0 = System.nanoTime();
        List<String> files = List.of();
        String failure = "";
        try {
            files = x.step().run(dir, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            // An IOException's message is written for the user; anything else is unexpected and names its type.
            failure = e instanceof IOException && e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / NANOS_PER_SECOND;
        manifest = manifest.with(new Manifest.ExperimentRecord(id, x.title(), x.command(), x.pinning(), failure.isEmpty(), failure,
                started, seconds, files));
        manifest.write(dir);
        out.printf("  %s: %s in %.0f s%n", id, failure.isEmpty() ? "done" : "FAILED (" + failure + ")", seconds);
        out.flush();
    }

    /** Judges one table; a judge that breaks outside its figures is a bug, reported in the table rather than stopping the run. */
    static TableResult judge(ChapterTable t, Evidence e) {
        Sheet s = new Sheet();
        try {
            t.judge().judge(e, s);
        } catch (RuntimeException ex) {
            s.note(() -> Sheet.NOT_MEASURED + "judging " + t.id() + " failed: " + Sheet.reason(ex));
        }
        return s.result(t);
    }

    /** Judges every table the manifest names from the files in {@code dir}, and writes the document and claims.json. */
    static List<TableResult> write(Path dir, Manifest manifest) throws IOException {
        Evidence e = new Evidence(dir, manifest);
        List<TableResult> results = Chapter.select(manifest.tables()).stream().map(t -> judge(t, e)).toList();
        Json.writeAtomically(dir.resolve(CLAIMS), new Claims(CLAIMS_SCHEMA, results));
        AtomicFiles.write(dir.resolve(DOCUMENT), Document.render(manifest, results, e.noise()));
        return results;
    }

    /** claims.json: every judged table. */
    record Claims(String schema, List<TableResult> tables) {}

    static String glance(List<TableResult> results) {
        StringBuilder b = new StringBuilder();
        for (TableResult r : results) {
            b.append(String.format("%-4s %s%n", r.id(), Document.summary(r)));
        }
        return b.toString().stripTrailing();
    }

    private static String about(long seconds) {
        return seconds < SHOW_MINUTES_FROM ? seconds + " s" : Math.round(seconds / (double) TimeUnit.MINUTES.toSeconds(1)) + " min";
    }
}
