package io.concbench.cli;

import io.concbench.compare.Compare;
import io.concbench.report.HlogMerge;
import io.concbench.report.Reports;
import io.concbench.harness.result.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concbench report}: re-renders summaries and charts from run JSON, or merges .hlog files exactly. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Re-render summary.md, summary.csv, charts/*.svg and report.html from the run JSON files of one or more directories "
                    + "that compare wrote, and print the summary. Several directories are pooled: repeats of the same "
                    + "model, workload, connections and rate all count.",
            "",
            "With --hlog: add up the HdrHistogram interval logs of several load-generator hosts (concbench load "
                    + "--hlog FILE on each) into one exact histogram and print its percentiles; with --out, also write "
                    + "a merged interval log with one interval per second."})
final class ReportCommand implements Callable<Integer> {

    /** The same naming as compare's run directories, so merged reports sort among them. */
    static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    static final String MERGED_SUFFIX = "-merged";
    private static final String HLOG = ".hlog";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
            description = "Run directories (e.g. results/runs/<timestamp>); load agents' --json files, merged as"
                    + " concbench merge does (--out: the merged JSON); or with --hlog the .hlog files to merge.")
    List<Path> inputs;

    @Option(names = "--hlog", description = "The inputs are HdrHistogram interval logs to merge, not run directories.")
    boolean hlog;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Run directories: where the report goes (default: the input directory, or for several "
                    + "a new results/runs/<timestamp>-merged). With --hlog: the merged interval log to write (optional).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (hlog) {
            HlogMerge.Merged merged = HlogMerge.merge(inputs);
            o.print(merged.describe());
            if (out != null) {
                HlogMerge.write(merged, out);
                o.println("merged log: " + out);
            }
            o.flush();
            return 0;
        }
        if (inputs.stream().allMatch(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))) {
            return MergeCommand.merge(inputs, out, o);    // load agents' results: what `concbench merge` does
        }
        for (Path p : inputs) {
            if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(HLOG)) {
                throw new IllegalArgumentException(p + " is an interval log, not a run directory; merge logs with "
                        + "concbench report --hlog FILE...");
            }
        }
        List<RunResult> runs = Reports.read(inputs);
        Path dir = out != null ? out : inputs.stream().distinct().count() == 1 ? inputs.get(0) : mergedDirectory();
        o.println(Reports.write(runs, dir, inputs));
        o.println("report: " + dir + " (" + runs.size() + " runs from " + inputs.size()
                + (inputs.size() == 1 ? " directory)" : " directories)"));
        o.flush();
        return 0;
    }

    /** A new directory beside compare's, where compare would put it. */
    private static Path mergedDirectory() {
        String home = System.getenv(Compare.HOME_ENV);
        Path root = home != null ? Path.of(home, "results", "runs") : Path.of("results", "runs");
        return root.resolve(DIR_NAME.format(Instant.now()) + MERGED_SUFFIX);
    }
}
