package io.concbench.harness.probe;

/**
 * Context switches counted since some start (a process's, or the first sample's). Never negative.
 *
 * @param voluntary switches where a thread gave up the CPU (blocked in read, parked, slept)
 * @param involuntary switches where the scheduler took the CPU away (time slice over, preemption)
 */
public record ContextSwitches(long voluntary, long involuntary) {

    public static final ContextSwitches ZERO = new ContextSwitches(0, 0);

    public ContextSwitches {
        if (voluntary < 0 || involuntary < 0) {
            throw new IllegalArgumentException("a count of context switches is never negative: "
                    + voluntary + " / " + involuntary);
        }
    }

    public long total() {
        return voluntary + involuntary;
    }

    public ContextSwitches plus(ContextSwitches o) {
        return new ContextSwitches(voluntary + o.voluntary, involuntary + o.involuntary);
    }
}
