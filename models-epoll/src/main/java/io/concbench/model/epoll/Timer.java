package io.concbench.model.epoll;

/** Something an event loop does at a deadline. */
abstract class Timer {

    /** On the {@link System#nanoTime()} scale of the loop's clock. */
    final long deadlineNanos;

    Timer(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Called on the event-loop thread when the deadline has passed. Must not block; must not throw. */
    abstract void expire();

    /** A timer that runs {@code action} with itself (so a holder can tell a stale timer from its current one). */
    static Timer at(long deadlineNanos, java.util.function.Consumer<Timer> action) {
        return new Timer(deadlineNanos) {
            @Override
            void expire() {
                action.accept(this);
            }
        };
    }
}
