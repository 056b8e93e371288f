package io.concbench.loadgen.cli;

import io.concbench.harness.result.Json;
import io.concbench.loadgen.HttpTarget;
import io.concbench.loadgen.LoadOptions;
import io.concbench.loadgen.LoadRun;
import io.concbench.loadgen.RateSearch;
import io.concbench.loadgen.RunListener;
import io.concbench.loadgen.Segment;
import io.concbench.loadgen.SourceAddresses;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.serve.DurationConverter;
import io.concbench.harness.serve.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code concbench load}: drive one URL, closed or open loop, and print a wrk-like summary. */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Drive an HTTP/1.1 server and report throughput, latency and errors.",
            "Closed loop (default): each connection sends its next request when the response arrives.",
            "Open loop (-R): requests start on a fixed schedule at R per second whatever the server does;",
            "latency is then measured from each request's intended start (corrected for coordinated",
            "omission) and from its actual send (uncorrected); both are shown.",
            "With -R lower than -c every connection is still opened and held, each sending one request",
            "every c/R seconds; the aggregate stream stays R per second, evenly spaced."},
        footer = {"", "Durations: 500ms, 10s, 2m, 1h (a bare number is seconds). Rates and counts: 50000, 50k, 1.5M.",
            "Exit codes: 0 done, 2 bad input, 1 I/O failure (e.g. cannot write --json)."})
public final class LoadCommand implements Callable<Integer> {

    /** A run stopped by Ctrl-C still prints its summary; the JVM waits this long for it. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** --max-rate steps last this long unless -d says otherwise. */
    static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http://host[:port]/path[?query]")
    String url;

    @Option(names = {"-c", "--connections"}, paramLabel = "N", converter = CountConverter.class,
            defaultValue = "" + LoadOptions.DEFAULT_CONNECTIONS, description = "Connections to keep open. Default: ${DEFAULT-VALUE}.")
    long connections;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "" + LoadOptions.DEFAULT_THREADS,
            description = "Client event loops (threads), each owning a share of the connections. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Measured time. Closed loop default: 10s (unless -n). Required with -R.")
    Duration duration;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", converter = CountConverter.class,
            description = "Closed loop: send exactly N measured requests and stop when all are answered or failed.")
    Long requests;

    @Option(names = {"-R", "--rate"}, paramLabel = "RATE", converter = RateConverter.class,
            description = "Open loop: total requests per second, split evenly over the connections.")
    Double rate;

    @Option(names = "--pipeline", paramLabel = "D", defaultValue = "" + LoadOptions.DEFAULT_PIPELINE,
            description = "Requests a connection may have outstanding at once. Default: ${DEFAULT-VALUE}.")
    int pipeline;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Run this long first without measuring anything. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "A request unanswered this long is a timeout (its connection is reopened); also the connect"
                    + " timeout and the longest wait for answers after the end. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "Add a request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--connect-rate", paramLabel = "PER_SECOND", converter = RateConverter.class, defaultValue = "0",
            description = "Open at most this many connections per second at the start (a ramp); 0 = no ramp"
                    + " (still at most --connects-in-flight at once).")
    double connectRate;

    @Option(names = "--connects-in-flight", paramLabel = "N", defaultValue = "" + LoadOptions.DEFAULT_CONNECTS_IN_FLIGHT,
            description = "At most this many connects (handshakes) in flight at once, so a large -c does not overflow"
                    + " the server's listen backlog. Default: ${DEFAULT-VALUE}.")
    int connectsInFlight;

    @Option(names = {"-q", "--quiet"}, description = "No progress line and no notes; only the summary (or the JSON).")
    boolean quiet;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the full result as JSON (atomically); '-' prints it on stdout instead of the summary.")
    String json;

    @Option(names = "--hlog", paramLabel = "FILE",
            description = "Write HdrHistogram interval logs, one interval per second (HistogramLogProcessor reads them).")
    Path hlog;

    @Option(names = "--max-rate", description = "Search for the highest open-loop rate meeting --slo, printing each step"
            + " (each step: a fresh run of -d, default 5s; -R is where the search starts).")
    boolean maxRate;

    @Option(names = "--slo", paramLabel = "pNN=LATENCY", description = "Latency objective for --max-rate, e.g. p99=10ms.")
    String slo;

    @Option(names = "--segment", paramLabel = "i/N",
            description = "Drive only the i-th of N equal shares of this run (a load agent): connection j belongs to"
                    + " share j mod N; -c, -n and -R stay the whole run's. Merge the agents' --json with concbench merge.")
    String segment;

    @Option(names = "--start-at", paramLabel = "EPOCH_MS",
            description = "Start the measured window at this wall-clock time (ms since the epoch), the same for every"
                    + " agent; the warmup runs before it. An agent ready late says so and still counts from it.")
    Long startAt;

    @Option(names = "--source-addresses", paramLabel = "ADDRS",
            description = "Bind connections round-robin to these local addresses, so one server port can take more"
                    + " connections than one address has ports: 127.0.0.1-127.0.0.8 or a list 127.0.0.1,127.0.0.2.")
    String sourceAddresses;

    @Option(names = "--agents", paramLabel = "N",
            description = "Run as N local agent processes (segments 0/N..N-1/N, a common --start-at a few seconds"
                    + " ahead), merge their results exactly and print one summary. Needs the concbench jar.")
    Integer agents;

    /** Options an agent must not inherit from the command that starts it: the launcher sets them per agent. */
    static final List<String> PER_AGENT_OPTIONS = List.of("--agents", "--json", "--hlog", "--quiet", "--segment", "--start-at");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadOptions options = options();
        RateSearch.Objective objective = maxRate ? RateSearch.Objective.parse(slo, DurationConverter::nanos) : null;
        Path jsonFile = jsonFile();
        boolean jsonToStdout = "-".equals(json);
        // With the JSON on stdout the summary moves to stderr; --quiet then leaves only the JSON.
        PrintWriter summaryOut = jsonToStdout ? (quiet ? new PrintWriter(java.io.Writer.nullWriter()) : err) : out;
        boolean progress = !quiet && Terminal.stderrIsTerminal();
        if (!quiet && options.openLoop() && options.ratePerSecond() < options.connections()) {
            err.printf(Locale.ROOT, "note: -R %s is lower than -c %d: every connection is held open and sends one request every %.1f s;"
                    + " the aggregate stays %s req/s, evenly spaced%n", LoadSummary.rate(options.ratePerSecond()),
                    options.connections(), options.connections() / options.ratePerSecond(), LoadSummary.rate(options.ratePerSecond()));
            err.flush();
        }
        RunListener listener = progress ? new ProgressLine(err) : RunListener.NONE;
        if (agents != null) {
            return runAgents(options, summaryOut, jsonFile, jsonToStdout, out, err);
        }
        if (maxRate) {
            return searchMaxRate(options, objective, listener, summaryOut, jsonFile, jsonToStdout, out, progress);
        }
        LoadRun run = new LoadRun(options).withListener(listener);
        if (hlog != null) {
            run.withHistogramLog(hlog);
        }
        withCtrlC(run::stop, run::execute, result -> {
            if (progress) {
                ProgressLine.clear(err);
            }
            if (run.lateNanos() > 0 && !quiet) {
                err.printf(Locale.ROOT, "note: segment %s was ready %s after --start-at; its intended times still count"
                        + " from the common start, so its latency includes the delay%n", options.segment(),
                        LoadSummary.millis(run.lateNanos()));
            }
            LoadSummary.print(result, summaryOut);
            summaryOut.flush();
            writeJson(result, jsonFile, jsonToStdout, out);
        });
        return 0;
    }

    private int runAgents(LoadOptions options, PrintWriter summaryOut, Path jsonFile, boolean jsonToStdout,
                          PrintWriter out, PrintWriter err) throws Exception {
        AgentLauncher launcher = java.util.ServiceLoader.load(AgentLauncher.class).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--agents needs the concbench jar (this is the standalone load jar): run"
                        + " 'concbench load --agents N', or here one 'load --segment i/N --start-at T' per agent"));
        List<String> args = new ArrayList<>();
        args.add(url);
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (PER_AGENT_OPTIONS.contains(o.longestName())) {
                continue;
            }
            if (o.arity().max() == 0) {
                args.add(o.longestName());
            } else {
                for (String v : o.originalStringValues()) {
                    args.add(o.longestName() + "=" + v);
                }
            }
        }
        LoadResult merged = launcher.run(options, args, agents, hlog, jsonFile, err);
        LoadSummary.print(merged, summaryOut);
        summaryOut.flush();
        writeJson(merged, jsonFile, jsonToStdout, out);
        return 0;
    }

    private int searchMaxRate(LoadOptions options, RateSearch.Objective objective, RunListener listener,
                              PrintWriter summaryOut, Path jsonFile, boolean jsonToStdout, PrintWriter out,
                              boolean progress) throws Exception {
        summaryOut.printf(Locale.ROOT, "searching for the highest rate with corrected %s <= %s (steps of %s, %d connections)%n",
                objective.label(), LoadSummary.millis(objective.targetNanos()), LoadSummary.seconds(options.durationNanos()),
                options.connections());
        summaryOut.flush();
        RateSearch search = new RateSearch(options, objective, (n, s) -> {
            if (progress) {
                ProgressLine.clear(spec.commandLine().getErr());
            }
            LoadSummary.printStep(n, s, objective, summaryOut);
            summaryOut.flush();
        }, listener);
        withCtrlC(search::stop, search::run, r -> {
            LoadSummary.printSearch(r, objective, summaryOut);
            summaryOut.flush();
            writeJson(r, jsonFile, jsonToStdout, out);
        });
        return 0;
    }

    private static void writeJson(Object result, Path file, boolean toStdout, PrintWriter out) throws IOException {
        if (toStdout) {
            out.println(Json.line(result));
            out.flush();
        } else if (file != null) {
            Json.writeAtomically(file, result);
        }
    }

    /** Something that yields a result and may be stopped from another thread. */
    private interface Body<T> {
        T call() throws Exception;
    }

    /** What to do with the result before the JVM may exit. */
    private interface Finish<T> {
        void accept(T result) throws IOException;
    }

    /**
     * Runs {@code body} then {@code finish}; Ctrl-C (SIGINT, SIGTERM) calls {@code stop}, and the JVM
     * waits (up to {@link #SHUTDOWN_GRACE}) until {@code finish} has printed and written the partial result.
     */
    private static <T> void withCtrlC(Runnable stop, Body<T> body, Finish<T> finish) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cb-load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            finish.accept(body.call());
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that we are done
            }
        }
    }

    /** The parsed command line as validated options; a bad combination is an IllegalArgumentException naming the option. */
    public LoadOptions options() {
        if (connections > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("-c " + connections + " is more connections than any machine can hold");
        }
        if (slo != null && !maxRate) {
            throw new IllegalArgumentException("--slo is the objective of --max-rate; add --max-rate");
        }
        if (maxRate) {
            if (slo == null) {
                throw new IllegalArgumentException("--max-rate needs an objective, e.g. --slo p99=10ms");
            }
            if (requests != null) {
                throw new IllegalArgumentException("--max-rate runs timed open-loop steps; drop -n (-d sets each step's length)");
            }
            if (hlog != null) {
                throw new IllegalArgumentException("--hlog records one run; --max-rate runs many, drop --hlog (the --json result holds every step's histogram)");
            }
        }
        if (agents != null) {
            if (agents < 1) {
                throw new IllegalArgumentException("--agents must be at least 1, got " + agents);
            }
            if (segment != null || startAt != null || maxRate) {
                throw new IllegalArgumentException("--agents sets each agent's --segment and --start-at itself;"
                        + " drop --segment, --start-at" + (maxRate ? " and --max-rate (one search, one process)" : ""));
            }
            if (agents > connections) {
                throw new IllegalArgumentException("--agents " + agents + " is more agents than connections (-c "
                        + connections + "); every agent needs at least one");
            }
        }
        if (maxRate && (segment != null || startAt != null)) {
            throw new IllegalArgumentException("--max-rate searches in one process; drop --segment and --start-at");
        }
        HttpTarget target = HttpTarget.parse(url);
        Duration d = duration;
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("-d must be positive, got " + d.toMillis() + "ms");
        }
        if (d == null && maxRate) {
            d = DEFAULT_STEP_DURATION;
        } else if (d == null && rate == null && requests == null) {
            d = LoadOptions.DEFAULT_DURATION;
        }
        if (requests != null && requests < 1) {
            throw new IllegalArgumentException("-n must be at least 1 request, got " + requests);
        }
        if (rate != null && rate <= 0) {
            throw new IllegalArgumentException("-R must be a positive rate, got " + rate);
        }
        double r = rate != null ? rate : maxRate ? RateSearch.DEFAULT_START_RATE : 0;
        return new LoadOptions(target, (int) connections, threads, d == null ? 0 : d.toNanos(),
                requests == null ? 0 : requests, r, pipeline, warmup.toNanos(), timeout.toNanos(), headers, connectRate,
                LoadOptions.DEFAULT_CONNECT_RETRY_DELAY.toNanos(), connectsInFlight,
                segment == null ? Segment.WHOLE : Segment.parse(segment), startAt == null ? 0 : startAt,
                sourceAddresses == null ? List.of() : SourceAddresses.parse(sourceAddresses));
    }

    /** The --json file, checked before the run so a long run is not lost to a typo. */
    private Path jsonFile() {
        if (json == null || "-".equals(json)) {
            return null;
        }
        Path file = Path.of(json);
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--json " + json + " is a directory; give a file name");
        }
        if (dir != null && Files.exists(dir) && !Files.isWritable(dir)) {
            throw new IllegalArgumentException("--json " + json + ": cannot write in " + dir);
        }
        return file;
    }

    // ---- argument converters

    /** {@code 50000}, {@code 50k}, {@code 1.5M}, {@code 2G}. */
    static final class RateConverter implements CommandLine.ITypeConverter<Double> {
        private static final Pattern SI = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmg])?");

        @Override
        public Double convert(String value) {
            return parse(value);
        }

        static double parse(String value) {
            Matcher m = SI.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number; use e.g. 50000, 50k, 1.5M");
            }
            double factor = switch (m.group(2) == null ? "" : m.group(2)) {
                case "k" -> 1e3;
                case "m" -> 1e6;
                case "g" -> 1e9;
                default -> 1;
            };
            return Double.parseDouble(m.group(1)) * factor;
        }
    }

    /** A whole count with an optional SI suffix: {@code 100000}, {@code 100k}. */
    static final class CountConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (value.trim().startsWith("-")) {
                throw new CommandLine.TypeConversionException("'" + value + "' must not be negative");
            }
            double v = RateConverter.parse(value);
            if (v != Math.rint(v) || v > Long.MAX_VALUE) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
            }
            return (long) v;
        }
    }
}
