package io.concbench.loadgen.cli;

import io.concbench.harness.serve.Cli;
import picocli.CommandLine;

/**
 * Entry point of the load-generator's own jar ({@code load-generator/target/concbench-load.jar}):
 * {@code concbench load} and nothing else, with no server model inside, so it is the one jar to copy
 * to another load-generating host. {@code java -jar concbench-load.jar URL -c 100 -d 10s} is
 * {@code concbench load URL -c 100 -d 10s}.
 */
public final class LoadMain {

    /** The name in usage and error lines: the same command, whichever jar runs it. */
    static final String NAME = "concbench load";

    private LoadMain() {}

    public static void main(String[] args) {
        System.exit(Cli.execute(commandLine(), args));
    }

    /** The load command as a top-level command line. Tests call this. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadCommand()).setCommandName(NAME);
    }
}
