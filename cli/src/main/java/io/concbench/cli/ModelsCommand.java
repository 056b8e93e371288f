package io.concbench.cli;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** {@code concbench models}: every model in the jar, one line each. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the server models, one line each.")
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = ServerModels.all().stream().mapToInt(m -> m.name().length()).max().orElse(0);
        for (ServerModel m : ServerModels.all()) {
            out.printf("%-" + width + "s  %s%n", m.name(), m.description());
        }
        out.flush();
    }
}
