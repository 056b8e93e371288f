package io.concbench.model.reactor;

/** Something an event loop does at a deadline. */
abstract class Timer {

    /** On the {@link System#nanoTime()} scale of the loop's clock. */
    final long deadlineNanos;

    Timer(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Called on the event-loop thread when the deadline has passed. Must not block; must not throw. */
    abstract void expire();
}
