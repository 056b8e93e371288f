package io.concbench.cli;

import io.concbench.harness.serve.Cli;
import io.concbench.harness.serve.ServeCommand;
import io.concbench.harness.serve.Version;
import io.concbench.loadgen.cli.LoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code concbench}: the one runnable jar. */
@Command(name = "concbench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Thread pool, virtual threads, NIO reactor or multi-process: which one, for your workload, on your machine?",
        subcommands = {CompareCommand.class, LoadCommand.class, ReportCommand.class, DiffCommand.class, ReproduceCommand.class, ServeCommand.class, SlowlorisCommand.class, HostileCommand.class, ModelsCommand.class, MergeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. Tests call this. */
    public static int run(String... args) {
        return Cli.execute(new CommandLine(new Main()), args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
