package io.concbench.model.threadpool;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.blocking.BlockingServer;
import io.concbench.harness.blocking.Dispatcher;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of platform threads behind a bounded queue. A worker owns a connection until it
 * closes; when every worker is busy and the queue is full, a new connection gets 503 and close.
 * Options: {@code --queue N} (connections waiting for a worker; default 100, Tomcat's acceptCount).
 */
public final class ThreadPoolModel implements ServerModel {

    /** Tomcat's default maxThreads. */
    public static final int DEFAULT_WORKERS = 200;
    /** Tomcat's default acceptCount. */
    public static final int DEFAULT_QUEUE = 100;
    static final long JOIN_MILLIS = 5_000;

    @Override
    public String name() {
        return "threadpool";
    }

    @Override
    public String description() {
        return "fixed pool of platform threads (default " + DEFAULT_WORKERS + ") with a bounded queue; a worker owns a connection; full -> 503";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        config.requireOnly(name(), Set.of("queue"));
        int workers = config.workersOr(DEFAULT_WORKERS);
        int queue = intOption(config, "queue", DEFAULT_QUEUE);
        return BlockingServer.start(name(), config, new PoolDispatcher(workers, queue));
    }

    static int intOption(ServerConfig config, String key, int fallback) {
        String v = config.options().get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " must be a whole number >= 0, got '" + v + "'");
    }

    private static final class PoolDispatcher implements Dispatcher {
        private final int workers;
        private final int queue;
        private final ThreadPoolExecutor pool;

        PoolDispatcher(int workers, int queue) {
            this.workers = workers;
            this.queue = queue;
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> Thread.ofPlatform().name("cb-threadpool-worker-" + n.incrementAndGet()).unstarted(r);
            // A SynchronousQueue when queue=0: hand-off only, so "full" means every worker busy.
            this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                    queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                    factory, new ThreadPoolExecutor.AbortPolicy());
        }

        @Override
        public boolean dispatch(Runnable connection) {
            try {
                pool.execute(connection);
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        @Override
        public void shutdown() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Map<String, Object> facts() {
            return Map.of("workers", workers, "queue", queue, "threads", "platform");
        }
    }
}
