package io.concbench.reproduce;

import io.concbench.harness.result.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * README's verdict counts, between {@value #START} and {@value #END}: written from a run's judged
 * tables, never by hand, so README cannot disagree with the run it links (ReadmeTest checks it).
 */
final class Readme {

    static final String FILE = "README.md";
    static final String START = "<!-- verdict-counts -->";
    static final String END = "<!-- /verdict-counts -->";

    private Readme() {}

    /** The block's text for the run at {@code link} (relative to the project root, forward slashes). */
    static String block(String link, Map<Verdict, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        String doc = link + "/" + ReproduceRun.DOCUMENT;
        return START + "\nThe latest full run on the project's 2-core machine: [" + doc + "](" + doc + "). Of " + total
                + " claims: " + Findings.countsInWords(counts) + " (the run's `" + ReproduceRun.CLAIMS + "`; \"true by "
                + "construction\" is not counted as holding).\n" + END;
    }

    /**
     * Rewrites README's block for {@code dir} when {@code dir} is a complete full run under the project's
     * results/chapter and README has the block; returns whether it did.
     */
    static boolean update(Path home, Path dir, Manifest m, List<TableResult> tables) throws IOException {
        Path readme = home.resolve(FILE);
        Path results = home.resolve(Reproduce.RESULTS).toAbsolutePath().normalize();
        Path run = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(readme) || !run.startsWith(results) || !m.mode().equals(Settings.FULL)
                || tables.size() != Chapter.ids().size()) {
            return false;
        }
        String text = Files.readString(readme);
        int a = text.indexOf(START);
        int b = text.indexOf(END);
        if (a < 0 || b < a) {
            return false;
        }
        String link = home.toAbsolutePath().normalize().relativize(run).toString().replace('\\', '/');
        String updated = text.substring(0, a) + block(link, Findings.counts(tables)) + text.substring(b + END.length());
        if (!updated.equals(text)) {
            AtomicFiles.write(readme, updated);
        }
        return true;
    }
}
