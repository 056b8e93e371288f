package io.concbench.cli;

import io.concbench.harness.result.AtomicFiles;
import io.concbench.harness.result.RunResult;
import io.concbench.report.Reports;
import io.concbench.report.RunDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concbench diff OLD NEW}: two result directories compared cell by cell; with --fail-if, a CI gate. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare two result directories that compare wrote, cell by cell (model × workload × connections × rate): "
                    + "req/s, p50, p99, p99.9, server CPU-s per 1k requests, memory per connection. Prints Markdown: "
                    + "medians old → new, the change in %%, and \"within noise\" unless the min–max ranges over the "
                    + "repeats lie apart (a disturbed run makes its cell within noise). Cells on one side only are listed.",
            "",
            "Exit codes: 0, or 1 when --fail-if finds a change beyond it outside noise; 2 for a usage error."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The baseline run directory (e.g. results/runs/<timestamp>).")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The run directory to judge against it.")
    Path after;

    @Option(names = "--fail-if", paramLabel = "GATES",
            description = "Exit 1 when a cell's change goes beyond one of these, outside noise, e.g. 'p99>+10%%,req/s<-5%%'. "
                    + "Figures: req/s, p50, p99, p99.9, cpu, heap, rss, nmt, stacks.")
    String failIf;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the comparison as an HTML page.")
    Path html;

    @Override
    public Integer call() throws Exception {
        List<RunDiff.Gate> gates = failIf == null ? List.of() : RunDiff.Gate.parse(failIf);   // bad syntax: exit 2 before reading
        List<RunResult> old = Reports.read(before);
        List<RunResult> neu = Reports.read(after);
        RunDiff diff = RunDiff.of(old, neu);
        String md = diff.markdown(before.toString(), after.toString(), gates);
        PrintWriter o = spec.commandLine().getOut();
        o.print(md);
        if (html != null) {
            AtomicFiles.write(html, RunDiff.html(md));
            o.println("comparison page: " + html);
        }
        o.flush();
        return diff.check(gates).isEmpty() ? 0 : 1;
    }
}
