package io.concbench.cli;

import io.concbench.harness.serve.Cli;
import io.concbench.harness.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code concbench}: the one runnable jar. */
@Command(name = "concbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Thread pool, virtual threads, NIO reactor or multi-process: which one, for your workload, on your machine?",
        subcommands = {CompareCommand.class, LoadCommand.class, ReportCommand.class, ReproduceCommand.class, ServeCommand.class, SlowlorisCommand.class, ModelsCommand.class, CommandLine.HelpCommand.class})
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

    /** The version from the pom, filtered into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"concbench " + p.getProperty("version", "unknown"),
                    "JVM: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
