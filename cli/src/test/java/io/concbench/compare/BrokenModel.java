package io.concbench.compare;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;

import java.io.IOException;

/** A model that cannot start, to show that compare records the failure and goes on. */
public final class BrokenModel implements ServerModel {
    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String description() {
        return "test model that fails at start";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        throw new IOException("broken on purpose");
    }
}
