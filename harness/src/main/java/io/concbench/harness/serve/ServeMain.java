package io.concbench.harness.serve;

import picocli.CommandLine;

/**
 * Entry point of a server child process, for launchers that have only the harness on the class path
 * (a multi-process supervisor starting its workers). Same arguments as {@code concbench serve}.
 */
public final class ServeMain {

    private ServeMain() {}

    public static void main(String[] args) {
        System.exit(Cli.execute(new CommandLine(new ServeCommand()), args));
    }
}
