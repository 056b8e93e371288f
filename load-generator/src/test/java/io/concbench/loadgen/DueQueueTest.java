package io.concbench.loadgen;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DueQueueTest {

    private static final long SEED = 42;

    @Test
    void pollsInDueOrderAfterRandomAddsAndRemoves() {
        int n = 200;
        DueQueue q = new DueQueue(n);
        Random rnd = new Random(SEED);
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Connection c = new Connection(i, ByteBuffer.allocate(1), 1);
            c.dueNanos = rnd.nextInt(1_000_000) - 500_000;
            all.add(c);
            q.add(c);
        }
        for (int i = 0; i < n; i += 3) {
            q.remove(all.get(i));
            q.remove(all.get(i));                    // removing twice is harmless
            assertEquals(-1, all.get(i).heapIndex);
        }
        long last = Long.MIN_VALUE;
        int polled = 0;
        while (!q.isEmpty()) {
            long peek = q.peekNanos();
            Connection c = q.poll();
            assertEquals(peek, c.dueNanos);
            assertTrue(c.dueNanos >= last);
            assertTrue(c.globalIndex % 3 != 0);
            last = c.dueNanos;
            polled++;
        }
        assertEquals(n - (n + 2) / 3, polled);
    }
}
