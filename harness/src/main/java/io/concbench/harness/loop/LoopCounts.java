package io.concbench.harness.loop;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One event loop's counters, a slot per constant of the model's counter enum {@code E}. The loop
 * writes its own slots with plain reads and ordered writes (no atomic read-modify-write per request);
 * any thread may read them for {@code stats}.
 */
public final class LoopCounts<E extends Enum<E>> {

    private final AtomicLongArray counts;

    public LoopCounts(Class<E> counters) {
        counts = new AtomicLongArray(counters.getEnumConstants().length);
    }

    /** Loop thread only. */
    public void count(E c) {
        add(c, 1);
    }

    /** Loop thread only; {@code n} may be negative for a figure that goes down, such as pending output. */
    public void add(E c, long n) {
        counts.lazySet(c.ordinal(), counts.getPlain(c.ordinal()) + n);
    }

    /** Loop thread only: keeps the highest {@code value} seen. */
    public void raise(E c, long value) {
        if (value > counts.getPlain(c.ordinal())) {
            counts.lazySet(c.ordinal(), value);
        }
    }

    /** Any thread, for a counter that threads other than the loop write. */
    public void countShared(E c) {
        counts.getAndIncrement(c.ordinal());
    }

    /** Any thread. */
    public long get(E c) {
        return counts.get(c.ordinal());
    }
}
