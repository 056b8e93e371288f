package io.concbench.model.threadpool;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.blocking.BlockingServer;
import io.concbench.harness.blocking.Dispatcher;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A new platform thread per connection, capped only by the OS. When the OS refuses a thread, the
 * connection gets 503 and close. Options: {@code --stack-kb K} (thread stack size; default the JVM's).
 */
public final class ThreadPerConnectionModel implements ServerModel {

    @Override
    public String name() {
        return "thread-per-connection";
    }

    @Override
    public String description() {
        return "a new platform thread per connection, capped only by the OS";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        config.requireOnly(name(), Set.of("stack-kb"));
        int stackKb = ThreadPoolModel.intOption(config, "stack-kb", 0);
        return BlockingServer.start(name(), config, new Dispatcher() {
            private final AtomicLong n = new AtomicLong();

            @Override
            public boolean dispatch(Runnable connection) {
                // OutOfMemoryError "unable to create native thread" is turned into a 503 by the server.
                Thread.Builder.OfPlatform b = Thread.ofPlatform().name("cb-thread-per-connection-" + n.incrementAndGet());
                if (stackKb > 0) {
                    b = b.stackSize(stackKb * 1024L);
                }
                b.start(connection);
                return true;
            }

            @Override
            public void shutdown() {
                // Connection threads end when their sockets close; the server waits for them.
            }

            @Override
            public Map<String, Object> facts() {
                return Map.of("threads", "platform", "stackKb", stackKb == 0 ? "jvm default" : stackKb);
            }
        });
    }
}
