package io.concbench.harness.serve;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs a picocli command the project's way: a user error is one line on stderr naming what was wrong
 * and what to do, exit code 2, no stack trace; an I/O failure is one line and exit code 1.
 */
public final class Cli {

    public static final int USER_ERROR = 2;
    public static final int IO_ERROR = 1;

    private Cli() {}

    /** Configures {@code cl} and executes it on {@code args}; returns the exit code. */
    public static int execute(CommandLine cl, String... args) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String name = c.getCommandSpec().qualifiedName();
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println(name + ": " + ex.getMessage());
                return USER_ERROR;
            }
            if (ex instanceof IOException || ex instanceof UncheckedIOException) {
                c.getErr().println(name + ": " + ex.getMessage());
                return IO_ERROR;
            }
            throw ex;                                    // a bug: keep the stack trace
        });
        return cl.execute(args);
    }
}
