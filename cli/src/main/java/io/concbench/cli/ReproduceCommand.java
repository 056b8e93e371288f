package io.concbench.cli;

import io.concbench.reproduce.Reproduce;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concbench reproduce}: the chapter's tables, re-measured claim by claim. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Re-measure the chapter's result tables T1-T13 (carried in the project, in English) on this machine: run the experiments "
                    + "behind each claim (compare runs, memory per connection, JMH benchmarks from microbench/target/benchmarks.jar, "
                    + "the sleepers experiment, the T7 demonstration) and write "
                    + "results/chapter/<timestamp>/chapter-tables.md: each table as printed, our value beside each claimed one, "
                    + "and a verdict per claim, with the JSON of every experiment beside it.",
            "A full run takes about 15-20 minutes on a 2-core machine, --quick about 5-10; progress is printed per table. "
                    + "A failed experiment is recorded; its claims read \"not measured: reason\" and the exit code stays 0."})
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "One JMH fork and short iterations, one T6 run per model, fewer sleepers runs: about 5-10 minutes.")
    boolean quick;

    @Option(names = "--tables", split = ",", paramLabel = "ID",
            description = "Only these tables (T1 … T13), e.g. --tables T6,T11. Default: all.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--experiments", split = ",", paramLabel = "ID",
            description = "Only these experiments (ids as experiments.json names them), e.g. --experiments t12-end-to-end,t6-timed;"
                    + " claims whose experiment did not run read \"not measured\". Default: every one the tables need.")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the timestamped run directory goes. Default: results/chapter under the project.")
    Path out;

    @Option(names = "--benchmarks-jar", paramLabel = "JAR",
            description = "The JMH jar. Default: microbench/target/benchmarks.jar under the project (scripts/concbench builds it).")
    Path benchmarksJar;

    @Option(names = "--render", paramLabel = "DIR",
            description = "Run nothing: judge the JSON files of an earlier run directory again and rewrite its chapter-tables.md.")
    Path render;

    @Override
    public Integer call() throws Exception {
        if (render != null) {
            Reproduce.render(render, spec.commandLine().getOut());
            return 0;
        }
        return Reproduce.run(new Reproduce.Request(quick, tables, out, benchmarksJar, experiments), spec.commandLine().getOut());
    }
}
