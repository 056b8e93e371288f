package io.concbench.cli;

import io.concbench.compare.Compare;
import io.concbench.compare.CompareOptions;
import io.concbench.harness.serve.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concbench compare}: the main job. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run every model on each workload, each run in a fresh server JVM and a fresh client JVM",
            "pinned to their own CPUs; sample the server's CPU, memory, threads and context switches;",
            "measure memory per idle keep-alive connection; write results/runs/<timestamp>/ (a JSON per",
            "run, summary.md, summary.csv, charts/*.svg, report.html) and print the summary.",
            "Defaults finish in about 3 minutes on a 2-core machine."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "M[:W][+static|+dynamic],...",
            description = "Models, in run order; model:W sets its workers (pool threads, loops, processes), e.g. reactor:1,multiprocess:2;"
                    + " +static or +dynamic serves behind a 3-middleware chain (serve --chain), e.g. reactor:1+static."
                    + " Default: every model ('concbench models') but netty and epoll, which run when named.")
    List<String> models = new ArrayList<>();

    @Option(names = "--workloads", split = ",", paramLabel = "W,...", defaultValue = CompareOptions.DEFAULT_WORKLOADS,
            description = "plaintext, json, io (/io?ms=10), cpu (/cpu?n=100000), memory (memory per idle connection). Default: ${DEFAULT-VALUE}.")
    List<String> workloads;

    @Option(names = "--connections", split = ",", paramLabel = "N,...", defaultValue = CompareOptions.DEFAULT_CONNECTIONS,
            description = "Connection counts for load workloads. Default: ${DEFAULT-VALUE}.")
    List<Integer> connections;

    @Option(names = "--memory-connections", split = ",", paramLabel = "N,...", defaultValue = CompareOptions.DEFAULT_MEMORY_CONNECTIONS,
            description = "Idle connections held by the memory step (capped by the open-file limit). Default: ${DEFAULT-VALUE}.")
    List<Integer> memoryConnections;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "0",
            description = "Closed loop: answer exactly N requests per run (as ab -n) instead of running for --duration.")
    long requests;

    @Option(names = "--duration", paramLabel = "Ns", defaultValue = CompareOptions.DEFAULT_DURATION, converter = DurationConverter.class,
            description = "Measured time per run. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "Ns", defaultValue = CompareOptions.DEFAULT_WARMUP, converter = DurationConverter.class,
            description = "Unmeasured time before it, same JVMs. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "" + CompareOptions.DEFAULT_REPEATS,
            description = "Runs per model and setting, interleaved across models; summaries show median and min-max. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
            description = "Open loop at R requests/s (latency from intended send times); 0 = closed loop. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--server-cpus", paramLabel = "LIST", description = "taskset CPU list for servers. Default: the first half of the cores.")
    String serverCpus;

    @Option(names = "--client-cpus", paramLabel = "LIST", description = "taskset CPU list for clients. Default: the second half.")
    String clientCpus;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = CompareOptions.DEFAULT_HEAP, description = "Server -Xms and -Xmx. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--jvm-arg", paramLabel = "FLAG", description = "Extra server JVM flag; repeatable, e.g. --jvm-arg=-XX:+UseZGC.")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--java", paramLabel = "PATH", description = "java binary or JDK directory that runs the servers. Default: the one running concbench.")
    Path java;

    @Option(names = "--driver", paramLabel = "builtin|wrk|h2load", defaultValue = CompareOptions.DEFAULT_DRIVER,
            description = "Who drives the load: the built-in client, or an installed wrk / h2load as a cross-check. Default: ${DEFAULT-VALUE}.")
    String driver;

    @Option(names = "--crosscheck",
            description = "Also drive each plaintext/json cell with wrk and h2load (where installed) and show their req/s and p50 as ratios to the built-in client's; beyond 10 %% apart is flagged.")
    boolean crossCheck;

    @Option(names = "--disturbed-above", paramLabel = "PERCENT", defaultValue = CompareOptions.DEFAULT_DISTURBED_ABOVE_PERCENT,
            description = "Flag a run as disturbed when processes other than the server, the client and compare used more than this %% of one core during it. Default: ${DEFAULT-VALUE}.")
    double disturbedAbove;

    @Option(names = "--client-threads", paramLabel = "N", defaultValue = "" + CompareOptions.DEFAULT_CLIENT_THREADS,
            description = "Event loops of the client. Default: ${DEFAULT-VALUE}.")
    int clientThreads;

    @Option(names = "--jfr", description = "Record a JFR file per server run into the run directory's jfr/.")
    boolean jfr;

    @Option(names = "--out", paramLabel = "DIR", description = "Where run directories go. Default: results/runs under the project (or the current directory).")
    Path out;

    @Override
    public Integer call() throws Exception {
        // Unset options keep the defaults, which depend on this machine (cores, java, CONCBENCH_HOME).
        // Applied in the order a user's mistakes were always reported: models, workloads, java, then the rest.
        CompareOptions options = CompareOptions.defaults();
        if (!models.isEmpty()) {
            options = options.withModels(models);
        }
        options = options.withWorkloads(workloads);
        if (java != null) {
            options = options.withServerJava(java);
        }
        options = options.withConnections(connections).withMemoryConnections(memoryConnections).withDuration(duration)
                .withWarmup(warmup).withRepeats(repeats).withRate(rate).withRequests(requests).withDriver(driver)
                .withClientThreads(clientThreads).withHeap(heap).withJvmArgs(jvmArgs).withJfr(jfr)
                .withCrossCheck(crossCheck).withDisturbedAbovePercent(disturbedAbove);
        if (serverCpus != null) {
            options = options.withServerCpus(serverCpus);
        }
        if (clientCpus != null) {
            options = options.withClientCpus(clientCpus);
        }
        if (out != null) {
            options = options.withOutRoot(out);
        }
        return Compare.run(options, spec.commandLine().getOut());
    }
}
