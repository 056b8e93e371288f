package io.concbench.compare;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModels;

import java.io.IOException;

/** A model that serves like virtual, then dies with exit code 3 a moment later: a server crash mid-run. */
public final class CrashingModel implements ServerModel {

    static final long LIFETIME_MILLIS = 1500;
    static final int EXIT_CODE = 3;

    @Override
    public String name() {
        return "crashing";
    }

    @Override
    public String description() {
        return "test model that dies mid-run";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        RunningServer s = ServerModels.named("virtual").start(config);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("crashing on purpose");
            Runtime.getRuntime().halt(EXIT_CODE);
        });
        return s;
    }
}
