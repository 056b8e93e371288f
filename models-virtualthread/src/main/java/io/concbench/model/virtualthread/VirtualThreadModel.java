package io.concbench.model.virtualthread;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.blocking.BlockingServer;
import io.concbench.harness.blocking.Dispatcher;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One virtual thread per connection. The carriers are the JDK's default scheduler, sized by the
 * system property {@code jdk.virtualThreadScheduler.parallelism} (default: available processors),
 * which must be set when the JVM starts; READY reports it. No code on the connection path holds a
 * monitor across a blocking call, so carriers are never pinned (JDK 21-23 pin inside synchronized).
 */
public final class VirtualThreadModel implements ServerModel {

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public String description() {
        return "a virtual thread per connection; /io parks it and frees the carrier";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        config.requireOnly(name(), Set.of());
        if (config.workers() > 0) {
            throw new IllegalArgumentException("virtual has no --workers; size its carriers with "
                    + "-Djdk.virtualThreadScheduler.parallelism=N on the JVM command line");
        }
        // Unnamed: a name is a String and its bytes (~64 B) on the heap of every idle connection;
        // thread dumps still tell virtual threads apart by their ids.
        Thread.Builder builder = Thread.ofVirtual();
        return BlockingServer.start(name(), config, new Dispatcher() {
            @Override
            public boolean dispatch(Runnable connection) {
                builder.start(connection);
                return true;
            }

            @Override
            public void shutdown() {
                // Virtual threads end when their sockets close; the server waits for them.
            }

            @Override
            public Map<String, Object> facts() {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("threads", "virtual");
                f.put("carrierParallelism", Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                        Runtime.getRuntime().availableProcessors()));
                f.put("carrierMaxPoolSize", Integer.getInteger("jdk.virtualThreadScheduler.maxPoolSize",
                        Math.max(256, Runtime.getRuntime().availableProcessors())));
                return f;
            }
        });
    }
}
