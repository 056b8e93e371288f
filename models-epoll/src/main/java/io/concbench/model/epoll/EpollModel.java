package io.concbench.model.epoll;

import io.concbench.harness.RunningServer;
import io.concbench.harness.ServerConfig;
import io.concbench.harness.ServerModel;

import java.io.IOException;

/**
 * A reactor on raw Linux epoll through {@code java.lang.foreign}: N event loops (default: available
 * processors), each a platform thread with its own epoll instance. File descriptors are ints; an idle
 * keep-alive connection is only an fd in an epoll set and holds no Java object. {@code /io} waits are
 * timers on the loop; {@code /cpu} runs on the loop and stalls it.
 *
 * <p>Options: {@code --read-buffer BYTES} (default 16384), {@code --max-pending-output BYTES} (default
 * 65536), {@code --send-buffer BYTES} (default: the kernel's). {@code --workers N} sets the number of
 * loops. Needs JDK 22+, Linux, x86_64 or aarch64, and native access; elsewhere {@link #start} fails
 * with one line saying so.
 */
public final class EpollModel implements ServerModel {

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public String description() {
        return "event loops on raw Linux epoll via java.lang.foreign (JDK 22+), no Java object per idle connection;"
                + " /io is a timer on the loop, /cpu stalls it";
    }

    @Override
    public RunningServer start(ServerConfig config) throws IOException {
        EpollOptions options = EpollOptions.from(config, name());
        String why = Linux.unavailableReason();
        if (!why.isEmpty()) {
            throw new IllegalArgumentException("the epoll model " + why);
        }
        return EpollServer.start(config, options, System::nanoTime);
    }
}
