package io.concbench.model.netty;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;

import java.io.IOException;

/**
 * Netty's event loops behind the same SPI: N loops (default: available processors) over epoll, or
 * over the JDK's NIO selector, serving many connections each. By default every byte goes through the
 * harness's own {@code RequestParser} and {@code App}, so the only difference from {@code reactor} is
 * the event loop; {@code --codec netty} puts Netty's {@code HttpServerCodec} in front instead.
 *
 * <p>Options: {@code --transport epoll|nio} (default epoll where Netty's native transport loads, else
 * nio), {@code --codec harness|netty} (default harness), {@code --max-pending-output BYTES} (default
 * 65536, as the reactor), {@code --read-buffer BYTES} (default 16384, as the reactor). {@code --workers N}
 * sets the number of loops.
 */
public final class NettyModel implements ServerModel {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public String description() {
        return "Netty 4.2 event loops (default: one per CPU) feeding the harness parser; /io is a loop timer, /cpu stalls it;"
                + " --transport epoll|nio, --codec harness|netty";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        return NettyServer.start(config, NettyOptions.from(config, name()));
    }
}
