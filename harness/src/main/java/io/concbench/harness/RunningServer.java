package io.concbench.harness;

import java.util.Map;

/** A started model. Methods may be called from any thread. */
public interface RunningServer extends AutoCloseable {

    /** The bound port; never 0. */
    int port();

    /** A consistent-enough snapshot of the counters; cheap, callable while serving. */
    ServerStats stats();

    /** Facts for the READY line that only this model knows, e.g. carrier parallelism or loop count. */
    Map<String, Object> facts();

    /**
     * Collects garbage twice and reports heap used after it and resident memory, for this process or,
     * for a model of several processes, for each and their sum. Blocks while collecting.
     */
    default MemoryReport collectGarbage() {
        return MemoryReport.ofThisProcess();
    }

    /**
     * Stops accepting, closes every connection and joins every thread this model started. Releases the
     * port so that it can be bound again at once. Idempotent; never throws.
     */
    @Override
    void close();
}
