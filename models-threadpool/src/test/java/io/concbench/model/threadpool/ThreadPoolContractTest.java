package io.concbench.model.threadpool;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

class ThreadPoolContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new ThreadPoolModel();
    }
}
