package io.concbench.harness;

import java.io.IOException;

/**
 * One way to serve the application: a fixed thread pool, virtual threads, a reactor, several processes.
 *
 * <p>Implementations are stateless factories found through {@link java.util.ServiceLoader}; a model
 * module exposes this class and nothing else.
 */
public interface ServerModel {

    /** The name users type: {@code threadpool}, {@code virtual}, {@code reactor}, ... Lower case, no spaces. */
    String name();

    /** One line saying how this model serves connections, for {@code concbench models}. */
    String description();

    /**
     * Binds, starts accepting and returns. On return the port accepts connections. Fails fast with
     * {@link IllegalArgumentException} (a message a user can act on) when {@code config} holds an
     * option this model does not understand or a value it cannot use, and with {@link IOException}
     * when the port cannot be bound.
     */
    RunningServer start(ServerConfig config) throws IOException;
}
