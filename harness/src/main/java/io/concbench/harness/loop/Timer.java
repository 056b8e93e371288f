package io.concbench.harness.loop;

import java.util.function.Consumer;

/** Something an event loop does at a deadline. */
public abstract class Timer {

    /** On the {@link System#nanoTime()} scale of the loop's clock. */
    public final long deadlineNanos;

    protected Timer(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Called on the event-loop thread when the deadline has passed. Must not block; must not throw. */
    public abstract void expire();

    /** A timer that runs {@code action} with itself (so a holder can tell a stale timer from its current one). */
    public static Timer at(long deadlineNanos, Consumer<Timer> action) {
        return new Timer(deadlineNanos) {
            @Override
            public void expire() {
                action.accept(this);
            }
        };
    }
}
