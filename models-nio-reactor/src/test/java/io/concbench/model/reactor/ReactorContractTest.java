package io.concbench.model.reactor;

import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

/** The contract with the model's defaults: one loop per CPU, shared accept. */
class ReactorContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new ReactorModel();
    }
}
