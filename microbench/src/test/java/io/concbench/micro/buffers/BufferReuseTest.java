package io.concbench.micro.buffers;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BufferReuseTest {

    private static final int REQUESTS = 1_000;

    private static BufferReuse.Shared shared() {
        BufferReuse.Shared s = new BufferReuse.Shared();
        s.size = 4096;
        s.setUp();
        return s;
    }

    @Test
    void everyVariantDoesTheSameWorkAndLeavesTheResponseInItsBuffer() {
        BufferReuse bench = new BufferReuse();
        BufferReuse.Shared shared = shared();
        BufferReuse.Connection connection = new BufferReuse.Connection();
        connection.setUp(shared);
        int expected = bench.fresh(shared);
        assertEquals(expected, bench.pooled(shared));
        assertEquals(expected, bench.owned(connection));
        assertEquals(BufferReuse.REQUEST.length, BufferReuse.headEnd(BufferReuse.REQUEST, BufferReuse.REQUEST.length),
                "the head ends where the request does");
        byte[] head = java.util.Arrays.copyOf(connection.buffer, BufferReuse.RESPONSE.length);
        assertEquals(new String(BufferReuse.RESPONSE, java.nio.charset.StandardCharsets.US_ASCII),
                new String(head, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void thePoolHandsBackTheBufferItWasGiven() {
        BufferReuse.Pool pool = new BufferReuse.Pool(4096);
        byte[] first = pool.take();
        assertEquals(4096, first.length);
        pool.giveBack(first);
        assertEquals(1, pool.idle());
        assertSame(first, pool.take());
        assertNotSame(first, pool.take(), "an empty pool makes a new buffer");
        for (int i = 0; i < BufferReuse.POOL_CAPACITY + 5; i++) {
            pool.giveBack(new byte[4096]);
        }
        assertEquals(BufferReuse.POOL_CAPACITY, pool.idle(), "a full pool drops what it cannot hold");
    }

    /** The claim's mechanism, counted by the JVM: fresh allocates a buffer per request, pooled and owned do not. */
    @Test
    void freshAllocatesABufferPerRequestPooledAndOwnedDoNot() {
        BufferReuse bench = new BufferReuse();
        BufferReuse.Shared shared = shared();
        BufferReuse.Connection connection = new BufferReuse.Connection();
        connection.setUp(shared);
        long fresh = allocated(() -> bench.fresh(shared));
        long pooled = allocated(() -> bench.pooled(shared));
        long owned = allocated(() -> bench.owned(connection));
        long buffers = (long) REQUESTS * shared.size;
        assertTrue(fresh >= buffers, "fresh allocated " + fresh + " B for " + REQUESTS + " requests");
        assertTrue(pooled < buffers / 10, "pooled allocated " + pooled + " B");
        assertTrue(owned < buffers / 10, "owned allocated " + owned + " B");
    }

    private static long allocated(Runnable request) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        request.run();                                   // first use loads classes; not counted
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < REQUESTS; i++) {
            request.run();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
