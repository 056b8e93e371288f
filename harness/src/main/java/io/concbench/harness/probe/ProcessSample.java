package io.concbench.harness.probe;

/**
 * One reading of a process (or the sum over a process tree) from {@code /proc}.
 *
 * @param pid the process, or the root of the tree
 * @param processes how many processes were summed
 * @param rssBytes VmRSS
 * @param peakRssBytes VmHWM (for a tree: the sum of each process's peak)
 * @param threads kernel threads
 * @param voluntarySwitches voluntary context switches of the live threads since they started
 * @param involuntarySwitches nonvoluntary context switches of the live threads since they started
 * @param cpuUserNanos user CPU time since start
 * @param cpuSystemNanos system CPU time since start
 */
public record ProcessSample(long pid, int processes, long rssBytes, long peakRssBytes, long threads,
                            long voluntarySwitches, long involuntarySwitches,
                            long cpuUserNanos, long cpuSystemNanos) {

    public long cpuNanos() {
        return cpuUserNanos + cpuSystemNanos;
    }

    ProcessSample withSwitches(long voluntary, long involuntary) {
        return new ProcessSample(pid, processes, rssBytes, peakRssBytes, threads, voluntary, involuntary,
                cpuUserNanos, cpuSystemNanos);
    }

    ProcessSample plus(ProcessSample o) {
        return new ProcessSample(pid, processes + o.processes, rssBytes + o.rssBytes, peakRssBytes + o.peakRssBytes,
                threads + o.threads, voluntarySwitches + o.voluntarySwitches,
                involuntarySwitches + o.involuntarySwitches, cpuUserNanos + o.cpuUserNanos,
                cpuSystemNanos + o.cpuSystemNanos);
    }
}
