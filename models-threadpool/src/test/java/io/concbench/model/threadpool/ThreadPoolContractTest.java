package io.concbench.model.threadpool;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

class ThreadPoolContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new ThreadPoolModel();
    }

    /** 200 workers and a queue of 100: slow clients beyond that are refused, and so is a normal one. */
    @Override
    protected boolean slowClientsCanTakeEveryWorker() {
        return true;
    }
}
