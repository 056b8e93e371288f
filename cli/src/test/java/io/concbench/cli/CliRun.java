package io.concbench.cli;

import io.concbench.harness.serve.Cli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** {@code concbench ...} through {@link Main} as a user runs it, in this JVM, with stdout and stderr captured. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = Cli.execute(cl, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }
}
