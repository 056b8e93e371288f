package io.concbench.model.multiprocess;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

/** The whole contract, served by two worker JVMs: enough to exercise the sums over workers, and quick on two cores. */
class MultiprocessContractTest extends ServerModelContract {

    @Override
    protected ServerModel model() {
        return new MultiprocessModel();
    }

    @Override
    protected ServerConfig config(ServerConfig base) {
        return Workers.config(base, 2);
    }
}
