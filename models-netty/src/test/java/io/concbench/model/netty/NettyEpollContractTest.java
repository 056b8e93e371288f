package io.concbench.model.netty;

import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;
import io.concbench.harness.ServerModelContract;

import java.util.Map;

/** The contract on Netty's native epoll transport, one loop per CPU. */
class NettyEpollContractTest extends ServerModelContract {
    @Override
    protected ServerModel model() {
        return new NettyModel();
    }

    @Override
    protected ServerConfig config(ServerConfig base) {
        return base.withOptions(Map.of("transport", "epoll"));
    }
}
