package io.concbench.model.epoll;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

/** The contract with the model's defaults: one loop per CPU, the listener in every loop's set. */
class EpollContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new EpollModel();
    }
}
