package io.concbench.model.virtualthread;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

class VirtualThreadContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new VirtualThreadModel();
    }
}
