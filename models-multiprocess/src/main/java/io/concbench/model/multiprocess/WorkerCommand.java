package io.concbench.model.multiprocess;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.app.AppConfig;
import io.concbench.harness.http.HttpLimits;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a worker JVM is started: this JVM's binary, class path and (fitted) flags, running
 * {@code ServeMain} with the inner model on the supervisor's port with SO_REUSEPORT. Immutable.
 *
 * @param command the full command line
 * @param flags the JVM flags in it and the ones left out
 */
record WorkerCommand(List<String> command, JvmFlags flags) {

    static final String SERVE_MAIN = "io.concbench.harness.serve.ServeMain";

    /**
     * Variables the {@code java} launcher or the JVM read flags from. Their flags are already in this
     * JVM's input arguments, fitted for workers; left in the environment they would apply again,
     * agents and log files included.
     */
    static final List<String> FLAG_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    WorkerCommand {
        command = List.copyOf(command);
    }

    /** The command for workers of {@code config} on {@code port}, from this JVM's own launch. */
    static WorkerCommand of(ServerConfig config, int port, MultiprocessOptions options, int workers) {
        JvmFlags flags = JvmFlags.forWorkers(ManagementFactory.getRuntimeMXBean().getInputArguments(), nativeAccessEnabled());
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(flags.kept());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SERVE_MAIN);
        command.addAll(serveArguments(config, port, options, workers));
        return new WorkerCommand(command, flags);
    }

    /**
     * Whether this code may call native functions without a warning: {@code Module.isNativeAccessEnabled()},
     * JDK 22+, called by reflection (the project compiles with --release 21); false where it is absent.
     */
    static boolean nativeAccessEnabled() {
        try {
            return (boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(WorkerCommand.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses a configuration that workers could not reproduce: they are started through {@code serve},
     * which expresses the chain and its length but not other HTTP limits or application settings, and
     * a model that served something else than it was asked to would measure the wrong thing.
     */
    static void requireServable(ServerConfig config) {
        if (!config.limits().withHeaderTimeoutMillis(HttpLimits.DEFAULT_HEADER_TIMEOUT_MILLIS).equals(HttpLimits.DEFAULTS)) {
            throw new IllegalArgumentException("multiprocess workers are started through 'serve', which has"
                    + " the default HTTP size limits only (the header timeout may differ)");
        }
        AppConfig app = config.app().config();
        if (!app.equals(AppConfig.chained(app.chain(), app.middlewares()))) {
            throw new IllegalArgumentException("multiprocess workers are started through 'serve', which takes"
                    + " --chain and --middlewares only; the default authorization and limiter are required");
        }
    }

    /**
     * The {@code serve} arguments of one worker of {@code workers}; {@code config} must pass
     * {@link #requireServable}. A connection limit is split evenly: each worker takes its share, so
     * the sum never exceeds it (SO_REUSEPORT may fill one worker's share before another's).
     */
    static List<String> serveArguments(ServerConfig config, int port, MultiprocessOptions options, int workers) {
        requireServable(config);
        AppConfig app = config.app().config();
        List<String> args = new ArrayList<>(List.of(
                "--model", options.inner(),
                "--port", Integer.toString(port),
                "--bind", config.bindAddress().getHostAddress(),
                "--backlog", Integer.toString(config.backlog()),
                "--workers", Integer.toString(options.innerWorkers()),
                "--reuseport",
                "--chain", app.chain().name().toLowerCase(Locale.ROOT),
                "--middlewares", Integer.toString(app.middlewares()),
                "--header-timeout", config.limits().headerTimeoutMillis() + "ms",
                "--max-connections", Integer.toString(config.maxConnections() == 0 ? 0
                        : Math.max(1, config.maxConnections() / Math.max(1, workers)))));
        for (Map.Entry<String, String> e : options.innerOptions().entrySet()) {
            args.add("--" + e.getKey() + "=" + e.getValue());
        }
        return args;
    }

    /** This command with {@code -XX:SharedArchiveFile=archive} before the class path. */
    WorkerCommand withArchive(Path archive) {
        List<String> c = new ArrayList<>(command);
        c.add(c.indexOf("-cp"), "-XX:SharedArchiveFile=" + archive);
        return new WorkerCommand(c, flags);
    }

    /**
     * The command of a worker that writes a class-data archive to {@code archive} as it exits: on a
     * free port of its own, without SO_REUSEPORT, so it never takes the workers' connections.
     */
    List<String> training(Path archive) {
        List<String> c = new ArrayList<>(command);
        c.add(c.indexOf("-cp"), "-XX:ArchiveClassesAtExit=" + archive);
        c.set(c.indexOf("--port") + 1, "0");
        c.remove("--reuseport");
        return c;
    }

    /** A process builder for one worker: pipes on all three streams, flag variables removed. */
    ProcessBuilder processBuilder() {
        return processBuilder(command);
    }

    /** The same for a standby: a worker JVM that binds only when told {@code start}. */
    ProcessBuilder standbyBuilder() {
        List<String> c = new ArrayList<>(command);
        c.add(c.indexOf(SERVE_MAIN) + 1, "--await-start");
        return processBuilder(c);
    }

    private static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        FLAG_VARIABLES.forEach(builder.environment()::remove);
        return builder;
    }

    /** The binary this JVM runs from; java.home's when the OS will not say. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
