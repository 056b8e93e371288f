package io.concbench.harness.result;

import io.concbench.harness.MemoryReport;
import io.concbench.harness.ServerStats;

import java.util.List;

/**
 * One run of {@code concbench compare}: one model, one workload, one connection count, one repeat,
 * in a fresh server JVM and a fresh client JVM. Written atomically as
 * {@code <model>-<workload>-<connections>[-r<repeat>].json}. A failed run is recorded too, with its reason.
 *
 * @param schema {@link #SCHEMA}
 * @param model server model name
 * @param workload {@code plaintext}, {@code json}, {@code io}, {@code cpu} or {@code memory}
 * @param target the request target driven, e.g. {@code /io?ms=10}
 * @param connections connections driven (or held, for {@code memory})
 * @param rate requested rate (open loop), 0 for closed loop
 * @param repeat 1-based repeat number
 * @param ok false when the run failed; then {@code failure} says why and figures may be missing
 * @param failure why the run failed, with the server's exit code and last stderr lines when it died
 * @param startedAt ISO-8601 UTC
 * @param environment host, JDKs, flags, pinning, driver
 * @param load what the client measured; null for memory runs and failures before the load ran
 * @param server what the harness sampled from the server's process tree during the measured window
 * @param serverStats the server's own counters after the run (per-worker shares)
 * @param memory memory-per-connection figures, for the {@code memory} workload
 * @param serverReadyMillis from starting the server's JVM to its READY line (JVM start, class loading,
 *                          the model's own start; multiprocess: every worker ready): what a restart or a
 *                          scale-out waits for. Null for a server that never printed READY and in older files
 */
public record RunResult(String schema, String model, String workload, String target, int connections, double rate,
                        int repeat, boolean ok, String failure, String startedAt, RunEnvironment environment,
                        LoadResult load, ServerFigures server, ServerStats serverStats, MemoryFigures memory,
                        Long serverReadyMillis) {

    public static final String SCHEMA = "concbench.run/1";

    /** A run without its server's start-up time (as in files written before it was recorded). */
    public RunResult(String schema, String model, String workload, String target, int connections, double rate,
                     int repeat, boolean ok, String failure, String startedAt, RunEnvironment environment,
                     LoadResult load, ServerFigures server, ServerStats serverStats, MemoryFigures memory) {
        this(schema, model, workload, target, connections, rate, repeat, ok, failure, startedAt, environment, load,
                server, serverStats, memory, null);
    }

    /**
     * @param host the machine
     * @param serverJava the java binary that ran the server
     * @param serverJdk its version
     * @param serverJvmFlags flags the server JVM got
     * @param clientJvmFlags flags the client JVM got
     * @param serverCpus CPUs the server was pinned to ("" when not pinned)
     * @param clientCpus CPUs the client was pinned to ("" when not pinned)
     * @param pinningNote how pinning was done or why not
     * @param driver {@code builtin}, {@code wrk} or {@code h2load}
     * @param machineLoad what else the machine did during the measured window; null in runs written before
     *                    it was measured, in memory runs and in runs that failed before the window ended
     * @param crossCheck true for a {@code compare --crosscheck} run: the same cell driven by wrk or h2load
     *                   to check the built-in client's figures; such runs stay out of the cell's medians
     *                   (false in runs written before cross-checks existed)
     */
    public record RunEnvironment(HostInfo host, String serverJava, String serverJdk, List<String> serverJvmFlags,
                                 List<String> clientJvmFlags, String serverCpus, String clientCpus,
                                 String pinningNote, String driver, MachineLoad machineLoad, boolean crossCheck) {

        /** The same environment with the machine's load over the window filled in. */
        public RunEnvironment withMachineLoad(MachineLoad m) {
            return new RunEnvironment(host, serverJava, serverJdk, serverJvmFlags, clientJvmFlags, serverCpus,
                    clientCpus, pinningNote, driver, m, crossCheck);
        }
    }

    /**
     * The whole machine's CPU over the measured window, from {@code /proc/stat}, less what this run's own
     * processes used. Percentages are of one core: 100 = one core busy. A benchmark on a shared machine is
     * only as good as the quiet around it; a run above {@code disturbedAbovePercent} is flagged.
     *
     * @param outsideCpuPercentOfOneCore machine busy − server tree − client − the compare process itself,
     *                                   steal included; null when it cannot be told (an external driver does
     *                                   not report its own CPU, or the accounting did not add up: see note)
     * @param stealPercentOfOneCore time the hypervisor gave this machine's CPUs to another VM (part of outside)
     * @param machineBusyPercentOfOneCore every CPU's non-idle time (user, nice, system, irq, softirq, steal)
     * @param loadAverage1m the 1-minute load average of /proc/loadavg at the window's end; null if unreadable
     * @param disturbedAbovePercent the threshold this run was judged against ({@code --disturbed-above})
     * @param disturbed whether the outside CPU exceeded it
     * @param note why a figure is absent; "" when all are there
     */
    public record MachineLoad(Double outsideCpuPercentOfOneCore, Double stealPercentOfOneCore,
                              Double machineBusyPercentOfOneCore, Double loadAverage1m,
                              double disturbedAbovePercent, boolean disturbed, String note) {}

    /**
     * The server's process tree, sampled about once a second, over the measured window.
     *
     * @param cpuPercentOfOneCore user+system CPU over the window; 100 = one core busy
     * @param cpuSecondsPer1kRequests CPU seconds the server spent per 1,000 answered requests
     * @param voluntarySwitchesPerRequest voluntary context switches per request (blocking, parking in
     *        the kernel); null when not measured. Never negative when {@code switchesSource} is set;
     *        files written before it existed summed live threads only and may hold a negative figure
     * @param involuntarySwitchesPerRequest involuntary context switches per request (preemption); as above
     * @param rssMaxBytes largest RSS sampled
     * @param threadsMax most kernel threads sampled
     * @param processes processes in the tree (1, or 1 + workers)
     * @param samples the samples themselves
     * @param switchesSource where the switch figures come from: {@link #SWITCHES_RUSAGE} (the server's
     *        getrusage, exited threads included) or {@link #SWITCHES_LIVE_THREADS} (/proc, threads that
     *        exited keep their last reading: an undercount under connection churn); null in older files
     * @param perfContextSwitchesPerRequest {@code perf stat}'s context-switches over the same window,
     *        per request; null without perf
     * @param perfCpuMigrationsPerRequest {@code perf stat}'s cpu-migrations, per request; null without perf
     */
    public record ServerFigures(double cpuPercentOfOneCore, double cpuSecondsPer1kRequests,
                                Double voluntarySwitchesPerRequest, Double involuntarySwitchesPerRequest,
                                long rssMaxBytes, long threadsMax, int processes, List<Sample> samples,
                                String switchesSource, Double perfContextSwitchesPerRequest,
                                Double perfCpuMigrationsPerRequest) {

        public static final String SWITCHES_RUSAGE = "rusage";
        public static final String SWITCHES_LIVE_THREADS = "live threads";

        /** A negative count is a bug in what measured it: refuse it rather than let a report clamp it. */
        public ServerFigures {
            if (switchesSource != null) {
                for (Double d : new Double[] {voluntarySwitchesPerRequest, involuntarySwitchesPerRequest,
                        perfContextSwitchesPerRequest, perfCpuMigrationsPerRequest}) {
                    if (d != null && !(d >= 0)) {
                        throw new IllegalArgumentException("context switches per request must not be negative: " + d
                                + " (source " + switchesSource + ")");
                    }
                }
            }
        }

        /** The figures of a file written before the switch source was recorded. */
        public ServerFigures(double cpuPercentOfOneCore, double cpuSecondsPer1kRequests,
                             double voluntarySwitchesPerRequest, double involuntarySwitchesPerRequest,
                             long rssMaxBytes, long threadsMax, int processes, List<Sample> samples) {
            this(cpuPercentOfOneCore, cpuSecondsPer1kRequests, voluntarySwitchesPerRequest, involuntarySwitchesPerRequest,
                    rssMaxBytes, threadsMax, processes, samples, null, null, null);
        }
    }

    /**
     * One sample of the server's process tree; counters are cumulative since the processes started.
     * The switch counts are from the run's {@link ServerFigures#switchesSource}; null when that source
     * gave none at this sample (a multiprocess worker did not answer).
     */
    public record Sample(long epochMillis, long cpuNanos, long rssBytes, long threads,
                         Long voluntarySwitches, Long involuntarySwitches) {}

    /**
     * Memory held per idle keep-alive connection: each figure is (with N connections - with none) / N.
     * Every state is read twice in a row ({@link Noise}), so a reader can tell a per-connection figure
     * from the wobble of the process and the machine: a total delta inside the band is not a measurement.
     *
     * @param requested connections asked for
     * @param held connections that got their one answer and stayed open
     * @param note why fewer were held or asked for (open-file limit, refusals, the server's failure)
     * @param baseline the server's gc report with no connection open, just before they were opened
     * @param loaded the server's gc report with {@code held} connections open (the first of two)
     * @param kernelSocketBaselineBytes TCP memory from /proc/net/sockstat with none open (whole machine); -1 unread
     * @param kernelSocketLoadedBytes the same with {@code held} open (both ends are on this machine); -1 unread
     * @param heapBytesPerConnection heap used after GC, per connection; null when a reading is missing
     * @param rssBytesPerConnection RSS, per connection; null when a reading is missing
     * @param nmtCommittedBytesPerConnection NMT committed, per connection; null without NMT (-1 in older files)
     * @param nmtThreadStackBytesPerConnection NMT committed thread stacks, per connection; null without NMT
     *                                         (-1 in older files)
     * @param kernelSocketBytesPerConnection sockstat TCP memory, per connection (client and server ends
     *                                       together); null when sockstat was unreadable (-1 in older files)
     * @param noise the second readings and the band they give; null in files written before it was measured
     */
    public record MemoryFigures(int requested, int held, String note, MemoryReport baseline, MemoryReport loaded,
                                long kernelSocketBaselineBytes, long kernelSocketLoadedBytes,
                                Double heapBytesPerConnection, Double rssBytesPerConnection,
                                Double nmtCommittedBytesPerConnection, Double nmtThreadStackBytesPerConnection,
                                Double kernelSocketBytesPerConnection, Noise noise) {}

    /**
     * How far each memory figure moves by itself: the idle state read twice before any connection
     * opens, the loaded state twice while they are held, each pair back to back. Before both idle
     * readings the server answers one gc request that is not counted: the first one loads and keeps
     * what answering it needs (reactor, 2026-12-01: heap +628 KiB, RSS +2.8 MiB, NMT +770 KiB from the
     * first report to the second, then heap within 1 KiB over three more), which is neither noise nor
     * connections. A band is the larger move of the two pairs in total bytes (not per connection), and never less than the reading's
     * resolution (a page for RSS and sockstat, a KiB for NMT), since two equal readings only say the
     * move was below that. A per-connection figure whose total delta lies inside its band is not a
     * measurement of the connections.
     *
     * @param warmup the uncounted first gc report; null in files written before it was taken
     * @param firstBaseline the first counted idle gc report (the second is {@link MemoryFigures#baseline})
     * @param loadedAgain the second loaded gc report
     * @param kernelSocketFirstBaselineBytes the first idle sockstat reading; -1 unread
     * @param kernelSocketLoadedAgainBytes the second loaded sockstat reading; -1 unread
     * @param heapBytes band of heap used after GC; null when a reading is missing
     * @param rssBytes band of RSS; null when a reading is missing
     * @param nmtCommittedBytes band of NMT committed; null without NMT
     * @param nmtThreadStackBytes band of NMT committed thread stacks; null without NMT
     * @param kernelSocketBytes band of sockstat TCP memory (machine-wide); null when unreadable
     */
    public record Noise(MemoryReport warmup, MemoryReport firstBaseline, MemoryReport loadedAgain, long kernelSocketFirstBaselineBytes,
                        long kernelSocketLoadedAgainBytes, Long heapBytes, Long rssBytes, Long nmtCommittedBytes,
                        Long nmtThreadStackBytes, Long kernelSocketBytes) {}
}
