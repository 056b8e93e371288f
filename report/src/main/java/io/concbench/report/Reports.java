package io.concbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.concbench.harness.result.AtomicFiles;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The report of a set of runs: {@value #SUMMARY_MD}, {@value #SUMMARY_CSV}, {@code charts/*.svg} and
 * {@value HtmlReport#FILE}.
 * Deterministic: the same runs, in any order, give the same bytes, whether they come straight from
 * {@code compare} or back from their JSON files. Stateless and thread-safe.
 */
public final class Reports {

    public static final String SUMMARY_MD = "summary.md";
    public static final String SUMMARY_CSV = "summary.csv";
    /** Charts go in this subdirectory of the output directory. */
    public static final String CHARTS_DIR = Charts.DIR;
    /** Run files carry a schema of this family; other JSON files in a directory are not runs and are skipped. */
    static final String RUN_SCHEMA_PREFIX = "concbench.run/";
    private static final String JSON = ".json";

    /** Tolerates fields a newer concbench added: an old report command still reads new runs. */
    private static final ObjectReader RUN_READER = Json.MAPPER.readerFor(RunResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Reports() {}

    /**
     * Writes {@value #SUMMARY_MD}, {@value #SUMMARY_CSV} and one SVG per chart into {@code outDir}
     * (created if missing), each atomically; returns the Markdown summary, for printing.
     *
     * @param runs every run, failed ones included (they are listed with their reasons)
     */
    public static String write(List<RunResult> runs, Path outDir) throws IOException {
        return write(runs, outDir, List.of(outDir));
    }

    /**
     * As {@link #write(List, Path)}, and {@value HtmlReport#FILE} links each run to its JSON file in
     * {@code runDirs} (the directories the runs were read from).
     */
    public static String write(List<RunResult> runs, Path outDir, List<Path> runDirs) throws IOException {
        Matrix m = Matrix.of(runs);
        String md = MarkdownSummary.render(m);
        AtomicFiles.write(outDir.resolve(SUMMARY_MD), md);
        AtomicFiles.write(outDir.resolve(HtmlReport.FILE), HtmlReport.render(m, md, outDir, runDirs));
        AtomicFiles.write(outDir.resolve(SUMMARY_CSV), CsvSummary.render(m));
        for (Map.Entry<String, String> chart : Charts.render(m).entrySet()) {
            AtomicFiles.write(outDir.resolve(CHARTS_DIR).resolve(chart.getKey()), chart.getValue());
        }
        return md;
    }

    /** The Markdown summary alone, without writing anything. */
    public static String markdown(List<RunResult> runs) {
        return MarkdownSummary.render(Matrix.of(runs));
    }

    /** The CSV summary alone, without writing anything. */
    public static String csv(List<RunResult> runs) {
        return CsvSummary.render(Matrix.of(runs));
    }

    /** Chart file name (under {@value #CHARTS_DIR}) to SVG text, without writing anything. */
    public static Map<String, String> charts(List<RunResult> runs) {
        return Charts.render(Matrix.of(runs));
    }

    /**
     * Every run result in {@code dirs} (each directory's {@code *.json} files, not recursive), pooled:
     * repeats of the same model, workload, connections and rate from several directories all count.
     * A directory given twice is read once.
     *
     * @throws IllegalArgumentException naming the input, when a directory is missing, holds no run
     *         result, or holds a JSON file that does not parse
     */
    public static List<RunResult> read(List<Path> dirs) throws IOException {
        Set<Path> seen = new LinkedHashSet<>();
        List<RunResult> runs = new ArrayList<>();
        for (Path dir : dirs) {
            requireDirectory(dir);
            if (seen.add(dir.toRealPath())) {
                runs.addAll(read(dir));
            }
        }
        return runs;
    }

    /** The run results of one directory; see {@link #read(List)}. */
    public static List<RunResult> read(Path dir) throws IOException {
        requireDirectory(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // Dot-files are compare's scratch files (e.g. a client's result before it is folded in).
            files = s.filter(p -> p.getFileName().toString().endsWith(JSON) && !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        List<RunResult> runs = new ArrayList<>();
        for (Path f : files) {
            RunResult r = readRun(f);
            if (r != null) {
                runs.add(r);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no run result in it (*.json with \"schema\": \""
                    + RunResult.SCHEMA + "\"); give a directory that concbench compare wrote, such as results/runs/<timestamp>");
        }
        return runs;
    }

    /**
     * The run result in {@code f}; null when it is JSON of another kind.
     *
     * @throws IllegalArgumentException naming the file, when it does not parse or is a broken run result
     */
    static RunResult readRun(Path f) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(f + ": not valid JSON (" + e.getOriginalMessage()
                    + "); move it out of the directory or delete it");
        }
        if (node == null || !node.path("schema").asText("").startsWith(RUN_SCHEMA_PREFIX)) {
            return null;
        }
        RunResult r;
        try {
            r = RUN_READER.readValue(node);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not a readable run result (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it out of the directory or delete it");
        }
        if (r.model() == null || r.workload() == null) {
            throw new IllegalArgumentException(f + ": run result without model or workload; move it out of the directory");
        }
        return r;
    }

    private static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory; give a directory that concbench compare "
                    + "wrote, such as results/runs/<timestamp>");
        }
    }
}
