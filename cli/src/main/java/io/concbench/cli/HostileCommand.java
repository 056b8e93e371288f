package io.concbench.cli;

import io.concbench.harness.hostile.HostileCorpus;
import io.concbench.harness.hostile.HostileRun;
import io.concbench.harness.serve.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code concbench hostile}: the hostile-input corpus the model contract runs, against any running
 * server. It prints only what deviates from the documented answers, then one summary line. A
 * deviation is a finding (exit 1), not a failure of the command.
 */
@Command(name = "hostile", mixinStandardHelpOptions = true,
        description = {"Send the hostile-input corpus to a running server; list deviations from the documented answers.",
            "Each case goes on a fresh connection, while one healthy keep-alive connection keeps asking for URL between cases.",
            "Prints each deviation from the documented statuses and close, then a summary line.",
            "Exit 0: all as documented; 1: deviations found; 2: bad URL or nothing listening."})
final class HostileCommand implements Callable<Integer> {

    static final int DEVIATIONS = 1;
    /** What the plaintext route answers; the healthy connection checks the body only on that path. */
    static final String PLAINTEXT_PATH = "/plaintext";
    static final String PLAINTEXT_BODY = "Hello, World!";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http://127.0.0.1:PORT/plaintext (the healthy connection's request)")
    String url;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for an answer or a close before calling it a deviation. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        ServerUrl serverUrl = ServerUrl.parse(url);
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--timeout must be between 1 ms and 24 days, got " + timeout);
        }
        String target = serverUrl.target();
        InetSocketAddress server = new InetSocketAddress(serverUrl.host(), serverUrl.port());
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the host of '" + url + "'");
        }
        List<HostileCorpus.Case> cases = HostileCorpus.cases();
        HostileRun.Result result;
        try {
            result = new HostileRun(server, target, PLAINTEXT_PATH.equals(target) ? PLAINTEXT_BODY : null, (int) timeout.toMillis()).run(cases);
        } catch (IOException e) {
            throw new IllegalArgumentException("nothing answers at " + serverUrl.host() + ":" + serverUrl.port()
                    + " (" + e.getMessage() + "); start a server there first, e.g. concbench serve --port " + serverUrl.port());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (HostileRun.Outcome o : result.cases()) {
            for (String d : o.deviations()) {
                out.println("  deviation: " + d);
            }
        }
        for (String miss : result.healthyMisses()) {
            out.println("  deviation: " + miss);
        }
        out.println(result.summary());
        out.flush();
        return result.allAsDocumented() ? 0 : DEVIATIONS;
    }
}
