package io.concbench.harness.loop;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * One loop's timers, earliest deadline first. Not thread-safe: owned by one event loop, which asks
 * it how long it may sleep in select (or epoll_wait) and expires what is due after each wake-up.
 */
public final class Timers {

    /** What {@link #selectTimeoutMillis} answers when no timer is set. */
    public static final long NO_TIMER = -1;

    // nanoTime values are compared by difference: they may wrap, their differences do not.
    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>((a, b) -> Long.signum(a.deadlineNanos - b.deadlineNanos));

    /** Called on the event-loop thread. */
    public void add(Timer timer) {
        queue.add(timer);
    }

    public int size() {
        return queue.size();
    }

    /**
     * How long select may block: {@link #NO_TIMER} when no timer is set, 0 when one is due now, else
     * whole milliseconds rounded up — rounding down would wake the loop early to find nothing due,
     * and a zero would make select block forever.
     */
    public long selectTimeoutMillis(long nowNanos) {
        Timer next = queue.peek();
        if (next == null) {
            return NO_TIMER;
        }
        long leftNanos = next.deadlineNanos - nowNanos;
        if (leftNanos <= 0) {
            return 0;
        }
        return (leftNanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1);
    }

    /** Expires every timer due at {@code nowNanos}, earliest first; returns how many. */
    public int expire(long nowNanos) {
        int n = 0;
        Timer next;
        while ((next = queue.peek()) != null && next.deadlineNanos - nowNanos <= 0) {
            queue.poll();
            next.expire();
            n++;
        }
        return n;
    }
}
