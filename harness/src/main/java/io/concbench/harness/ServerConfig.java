package io.concbench.harness;

import io.concbench.harness.app.App;
import io.concbench.harness.http.HttpLimits;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every model understands. A model's own knobs travel in {@code options} and are validated by
 * that model ({@link #requireOnly}).
 *
 * @param bindAddress where to listen; 127.0.0.1 unless the user says otherwise
 * @param port 0 picks a free port
 * @param backlog listen backlog
 * @param workers pool threads, event loops or processes; 0 means the model's default
 * @param reusePort set SO_REUSEPORT before bind, so several processes can share the port
 * @param limits HTTP size limits
 * @param app the application to serve
 * @param options model-specific options by name, e.g. {@code accept=reuseport}
 * @param maxConnections connections open at once; one more is answered 503 and closed, and counted
 *                       as rejected. 0 means {@link #defaultMaxConnections()}
 */
public record ServerConfig(InetAddress bindAddress, int port, int backlog, int workers, boolean reusePort,
                           HttpLimits limits, App app, Map<String, String> options, int maxConnections) {

    public static final int DEFAULT_BACKLOG = 1024;
    /** File descriptors kept for the JVM itself (jars, listeners, pipes) when deriving the connection limit. */
    public static final int RESERVED_FILE_DESCRIPTORS = 100;

    public ServerConfig {
        if (bindAddress == null) {
            throw new IllegalArgumentException("a bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("--backlog must be at least 1, got " + backlog);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be 0 (the model's default) or more, got " + workers);
        }
        if (limits == null || app == null) {
            throw new IllegalArgumentException("limits and app are required");
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("--max-connections must be 0 (derived from the open-file limit) or more, got " + maxConnections);
        }
        options = Map.copyOf(options);
    }

    /** {@link #maxConnections}, or when 0, what the open-file limit of this process allows. */
    public int effectiveMaxConnections() {
        return maxConnections > 0 ? maxConnections : defaultMaxConnections();
    }

    /** The soft open-file limit less {@link #RESERVED_FILE_DESCRIPTORS}: beyond it accept() would fail with EMFILE anyway. */
    public static int defaultMaxConnections() {
        long limit = io.concbench.harness.result.HostInfo.currentOpenFilesLimit();
        if (limit <= 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - RESERVED_FILE_DESCRIPTORS));
    }

    /** Loopback, any free port, default limits, the plain application. */
    public static ServerConfig defaults() {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, DEFAULT_BACKLOG, 0, false,
                HttpLimits.DEFAULTS, App.plain(), Map.of(), 0);
    }

    public ServerConfig withWorkers(int n) {
        return new ServerConfig(bindAddress, port, backlog, n, reusePort, limits, app, options, maxConnections);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bindAddress, p, backlog, workers, reusePort, limits, app, options, maxConnections);
    }

    public ServerConfig withReusePort(boolean on) {
        return new ServerConfig(bindAddress, port, backlog, workers, on, limits, app, options, maxConnections);
    }

    public ServerConfig withLimits(HttpLimits l) {
        return new ServerConfig(bindAddress, port, backlog, workers, reusePort, l, app, options, maxConnections);
    }

    public ServerConfig withOptions(Map<String, String> o) {
        return new ServerConfig(bindAddress, port, backlog, workers, reusePort, limits, app, o, maxConnections);
    }

    public ServerConfig withMaxConnections(int n) {
        return new ServerConfig(bindAddress, port, backlog, workers, reusePort, limits, app, options, n);
    }

    /** The workers to run: {@link #workers} unless 0, else {@code modelDefault}. */
    public int workersOr(int modelDefault) {
        return workers > 0 ? workers : modelDefault;
    }

    /**
     * The model option {@code key} as a number of bytes, or {@code fallback} when it is not given. Range
     * checks stay with the model, which knows its bounds.
     */
    public int bytesOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes a number of bytes, e.g. --" + key + " 65536; got '" + v + "'");
        }
    }

    /** Rejects any option {@code model} does not know, naming the ones it does. */
    public void requireOnly(String model, Set<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("model '" + model + "' has no option --" + key
                        + (known.isEmpty() ? "; it takes none" : "; it takes: --" + String.join(", --", new TreeSet<>(known))));
            }
        }
    }
}
