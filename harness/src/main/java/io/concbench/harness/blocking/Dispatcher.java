package io.concbench.harness.blocking;

import java.util.Map;

/** How a blocking model obtains a thread for a connection. */
public interface Dispatcher {

    /**
     * Runs {@code connection} on a thread of this model. Returns false, without running it, when the
     * model has no capacity left; the server then answers 503 and closes. Called on the acceptor thread.
     */
    boolean dispatch(Runnable connection);

    /** Stops the model's threads; the connections have been closed already. Called once, from close(). */
    void shutdown();

    /** Model facts for the READY line. */
    Map<String, Object> facts();
}
