package io.concbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import io.concbench.harness.result.LoadResult;
import io.concbench.loadgen.cli.LoadSummary;
import io.concbench.report.LoadMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concbench merge}: load agents' results, added up exactly into one summary. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Merge the --json results of load agents (concbench load --segment i/N --start-at T --json FILE, one per"
                    + " agent) into the result one client would have reported, and print the usual load summary.",
            "Latency histograms are added (never percentiles averaged), counts and errors summed; the rate is held"
                    + " only if every agent held its share; each agent's share, lateness and client CPU are listed.",
            "Inputs that are not one run (another URL, window, histogram precision, a segment twice or missing)"
                    + " are refused."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The agents' result JSON files.")
    List<Path> inputs;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the merged result as JSON (atomically).")
    Path json;

    @Override
    public Integer call() throws IOException {
        return merge(inputs, json, spec.commandLine().getOut());
    }

    /** Merges the agents' results in {@code inputs}, prints the summary, and writes it to {@code json} unless null. */
    static int merge(List<Path> inputs, Path json, PrintWriter out) throws IOException {
        List<LoadResult> results = new ArrayList<>();
        for (Path p : inputs) {
            results.add(read(p));
        }
        LoadResult merged = LoadMerge.merge(results);
        LoadSummary.print(merged, out);
        out.flush();
        if (json != null) {
            Json.writeAtomically(json, merged);
        }
        return 0;
    }

    /** A load result, or the {@code load} part of a compare run's JSON. */
    static LoadResult read(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(p + ": no such file; give the agents' --json result files");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(p.toFile());
            if (node != null && node.has("load") && node.get("load").isObject()) {
                node = node.get("load");
            }
            if (node == null || !node.has("latency")) {
                throw new IllegalArgumentException(p + " is not a load result (no latency); give the files load --json wrote");
            }
            return Json.MAPPER.treeToValue(node, LoadResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(p + " is not a load result JSON: " + e.getOriginalMessage());
        }
    }
}
