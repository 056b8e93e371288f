package io.concbench.model.reactor;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

import java.util.Map;

/** The contract with two loops, each on its own SO_REUSEPORT listener. */
class ReactorReuseportContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new ReactorModel();
    }

    @Override
    protected ServerConfig config(ServerConfig base) {
        return base.withWorkers(2).withOptions(Map.of("accept", "reuseport"));
    }
}
