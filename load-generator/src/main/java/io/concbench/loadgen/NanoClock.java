package io.concbench.loadgen;

/** Where the engine reads time: {@link System#nanoTime()} in a run, a hand-driven clock in tests. */
@FunctionalInterface
interface NanoClock {

    NanoClock SYSTEM = System::nanoTime;

    /** Monotonic nanoseconds from an arbitrary origin. Called on the hot path: must not allocate. */
    long nanoTime();
}
