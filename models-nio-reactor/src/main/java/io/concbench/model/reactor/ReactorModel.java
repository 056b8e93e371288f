package io.concbench.model.reactor;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;

import java.io.IOException;

/**
 * An NIO selector reactor: N event loops (default: available processors), each a platform thread with
 * its own selector serving many connections. {@code /io} waits are timers on the loop; {@code /cpu}
 * runs on the loop and stalls it.
 *
 * <p>Options: {@code --accept shared|reuseport} (default shared), {@code --read-buffer BYTES}
 * (default 16384), {@code --max-pending-output BYTES} (default 65536), {@code --send-buffer BYTES}
 * (default: the kernel's). {@code --workers N} sets the number of loops.
 */
public final class ReactorModel implements ServerModel {

    @Override
    public String name() {
        return "reactor";
    }

    @Override
    public String description() {
        return "NIO selector event loops (default: one per CPU); /io is a timer on the loop, /cpu stalls it;"
                + " --accept shared|reuseport";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        return ReactorServer.start(config, ReactorOptions.from(config, name()), System::nanoTime);
    }
}
