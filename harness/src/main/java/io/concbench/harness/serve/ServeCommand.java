package io.concbench.harness.serve;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;
import io.concbench.harness.app.App;
import io.concbench.harness.app.AppConfig;
import io.concbench.harness.http.HttpLimits;
import io.concbench.harness.result.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code concbench serve}: one model in this process, driven through stdin. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start one server model on this machine and serve the application.",
            "Prints one line 'READY {json}' on stdout, then answers one JSON line per stdin command:",
            "  stats   counters (connections, requests, in flight, per worker)",
            "  gc      heap used after two full GCs, and resident memory",
            "  stop    stop and exit",
            "Stdin closing (when it is a pipe or terminal) or SIGTERM stops the server too.",
            "Model-specific options (e.g. --accept reuseport for reactor, --inner virtual for",
            "multiprocess) follow the common ones."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "Model to run; 'concbench models' lists them.")
    String model;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "N",
            description = "Pool threads, event loops or processes; 0 = the model's default.")
    int workers;

    @Option(names = "--backlog", defaultValue = "" + ServerConfig.DEFAULT_BACKLOG, paramLabel = "N", description = "Listen backlog. Default: ${DEFAULT-VALUE}.")
    int backlog;

    @Option(names = "--chain", defaultValue = "none", paramLabel = "none|dynamic|static",
            description = "Middleware chain in front of the routes (table T12). Default: ${DEFAULT-VALUE}.")
    AppConfig.Chain chain;

    @Option(names = "--middlewares", defaultValue = "0", paramLabel = "K",
            description = "Middlewares in the chain, cycling auth, counter, limiter.")
    int middlewares;

    @Option(names = "--reuseport", description = "Set SO_REUSEPORT before bind (several processes share the port).")
    boolean reusePort;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = HttpLimits.DEFAULT_HEADER_TIMEOUT_MILLIS + "ms",
            description = "Longest time from a request's first byte to the end of its head; then 408 and close (slowloris). Default: 10s.")
    java.time.Duration headerTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "0",
            description = "Connections open at once; more are answered 503 and closed. 0 = the open-file limit less "
                    + ServerConfig.RESERVED_FILE_DESCRIPTORS + ".")
    int maxConnections;

    @Option(names = "--await-start", hidden = true,
            description = "Start the JVM and find the model, print 'STANDBY {json}', and listen only when stdin says"
                    + " 'start' (multiprocess keeps one such JVM to replace a worker that dies).")
    boolean standby;

    @Unmatched
    List<String> modelOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ServerModel m = ServerModels.named(model);
        ServerConfig config = new ServerConfig(address(bind), port, backlog, workers, reusePort,
                HttpLimits.DEFAULTS.withHeaderTimeoutMillis(headerTimeout.toMillis()),
                new App(new AppConfig(chain, middlewares, AppConfig.DEFAULT_AUTHORIZATION,
                        AppConfig.DEFAULT_LIMITER_PERMITS_PER_SECOND, AppConfig.DEFAULT_LIMITER_BURST)),
                parseModelOptions(modelOptions), maxConnections);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (standby) {
            out.println("STANDBY " + Json.line(Map.of("model", m.name(), "pid", ProcessHandle.current().pid())));
            String line = in.readLine();
            if (line == null || !line.strip().equals("start")) {
                return 0;                                 // stopped (or never needed) before it served
            }
        }
        RunningServer server;
        try {
            server = m.start(config);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + "; choose another --port (0 picks a free one)", e);
        }
        Thread hook = new Thread(server::close, "cb-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("READY " + Json.line(ready(m, server)));
        boolean stopped = obey(server, in, out);
        if (!stopped && !stdinIsControlChannel()) {
            // Started with stdin from /dev/null or a file (e.g. "serve ... &" in a script): serve until a signal.
            Thread.currentThread().join();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // SIGTERM arrived meanwhile; the hook closes (idempotently) too
        }
        return 0;
    }

    /** Answers commands until stop (returns true) or EOF (returns false). */
    static boolean obey(RunningServer server, BufferedReader in, PrintStream out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "" -> { }
                case "stats" -> out.println(Json.line(server.stats()));
                case "gc" -> {
                    MemoryReport r = server.collectGarbage();
                    out.println(Json.line(r));
                }
                case "stop" -> {
                    out.println(Json.line(Map.of("stopped", true)));
                    return true;
                }
                default -> out.println(Json.line(Map.of("error",
                        "unknown command '" + line.trim() + "'; commands: stats, gc, stop")));
            }
        }
        return false;
    }

    /**
     * Whether stdin's end means "stop": true for a pipe, socket, FIFO or terminal from a parent; false
     * for /dev/null or a regular file, which end at once. Where /proc cannot tell, assume it does.
     */
    static boolean stdinIsControlChannel() {
        try {
            java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0"));
            return !(target.toString().equals("/dev/null") || java.nio.file.Files.isRegularFile(target));
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    private Map<String, Object> ready(ServerModel m, RunningServer server) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", m.name());
        r.put("port", server.port());
        r.put("pid", ProcessHandle.current().pid());
        r.put("bind", bind);
        r.put("jdk", Runtime.version().toString());
        r.put("vm", System.getProperty("java.vm.name"));
        r.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        r.put("chain", chain.name().toLowerCase());
        r.put("middlewares", middlewares);
        r.put("headerTimeoutMillis", headerTimeout.toMillis());
        r.put("maxConnections", maxConnections > 0 ? maxConnections : ServerConfig.defaultMaxConnections());
        r.putAll(server.facts());
        return r;
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine; use e.g. 127.0.0.1");
        }
    }

    /** {@code --key=value}, {@code --key value} and bare {@code --flag} (true) into a map. */
    static Map<String, String> parseModelOptions(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; model options look like --name value");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                value = "true";
            }
            options.put(key, value);
        }
        return options;
    }
}
