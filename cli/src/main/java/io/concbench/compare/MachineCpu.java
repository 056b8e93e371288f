package io.concbench.compare;

import io.concbench.harness.probe.ProcFields;
import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.result.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Samples the whole machine's CPU ({@code /proc/stat}'s "cpu" line) and this process's own CPU on its
 * own thread until closed, so a run can say how much CPU something else took while it measured: the
 * "outside CPU". Like {@link Sampler}, it learns the measured window only after the client has ended,
 * so the figures are interpolated between the samples around the window's edges; the caller takes a
 * sample right after the client exits ({@link #sampleNow()}), as it does for the server.
 *
 * <p>Outside = machine busy − server tree − client − this process, each over the same window. The
 * server tree's CPU comes from {@link Sampler}, the client's from its own {@code LoadResult.clientCpu}.
 *
 * <p>Known bias, by arithmetic rather than measurement: Sampler samples once a second, so where the
 * server goes idle inside the sample interval that holds the window's end, interpolation spreads its
 * last busy stretch over the whole interval and undercounts the server by up to a quarter of that
 * second (on average a sixth) times its CPU rate. On the default 4 s window and a server at one core
 * that reads as about +4 % (at most +6 %) of outside CPU on a quiet machine, below the 10 % threshold;
 * this sampler's own finer interval pulls the other way by about half as much.
 */
final class MachineCpu implements AutoCloseable {

    /**
     * Finer than the server sampler's second: reading /proc/stat costs tens of microseconds, and our own
     * CPU is subtracted anyway. Finer samples make the interpolation at the window's edges, where the
     * client starts measuring and stops, less of a guess.
     */
    static final long DEFAULT_INTERVAL_MILLIS = 250;

    /**
     * How far below 0 the outside CPU may come out and still read as 0. Every term is counted in
     * 10 ms ticks (USER_HZ) or interpolated across a window edge, so a quiet machine can give a few % of
     * a core below 0 on a few-second window: with the default 4 s window, one tick on each of ~4
     * counters at each edge is 2 % of a core, and the server sampler interpolates over a second around
     * the edges. Beyond this the accounting is wrong (a term counted twice, windows not lined up), and
     * the figure is left absent with a note instead of being clamped into a plausible 0.
     */
    static final double NEGATIVE_TOLERANCE_PERCENT_OF_ONE_CORE = 5;

    /** /proc/stat "cpu" fields, per proc(5): user nice system idle iowait irq softirq steal guest guest_nice. */
    private static final int USER = 0;
    private static final int NICE = 1;
    private static final int SYSTEM = 2;
    private static final int IRQ = 5;
    private static final int SOFTIRQ = 6;
    private static final int STEAL = 7;
    private static final double PERCENT = 100;
    private static final double NANOS_PER_MILLI = 1e6;

    /** Where readings come from: /proc on the live machine, fixed text and a fake clock in tests. */
    interface Source {
        /** The text of /proc/stat. */
        String procStat() throws IOException;

        /** The text of /proc/loadavg. */
        String loadavg() throws IOException;

        /** This process's CPU time (user + system, every thread) so far; -1 if unknown. */
        long selfCpuNanos();

        long nowMillis();
    }

    /** The machine as it is. */
    static final Source LIVE = new Source() {
        @Override
        public String procStat() throws IOException {
            return Files.readString(Path.of("/proc/stat"));
        }

        @Override
        public String loadavg() throws IOException {
            return Files.readString(Path.of("/proc/loadavg"));
        }

        @Override
        public long selfCpuNanos() {
            return ProcessProbe.self().map(s -> s.cpuNanos()).orElse(-1L);
        }

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }
    };

    /** Cumulative counters at one moment: the machine's busy and steal ticks, this process's CPU. */
    record Reading(long epochMillis, long busyTicks, long stealTicks, long selfCpuNanos) {}

    private final Source source;
    private final long intervalMillis;
    private final List<Reading> readings = new ArrayList<>();   // guarded by itself
    private final Thread thread;
    private volatile boolean done;

    /** @param intervalMillis between background samples; 0 for none (the caller samples, as tests do) */
    MachineCpu(Source source, long intervalMillis) {
        this.source = source;
        this.intervalMillis = intervalMillis;
        sampleNow();
        this.thread = intervalMillis <= 0 ? null
                : Thread.ofPlatform().daemon().name("compare-machine-cpu").start(this::loop);
    }

    private void loop() {
        while (!done) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            sampleNow();
        }
    }

    /** Takes one reading now; a reading that cannot be parsed is skipped. */
    void sampleNow() {
        try {
            parse(source.procStat(), source.nowMillis(), source.selfCpuNanos()).ifPresent(r -> {
                synchronized (readings) {
                    readings.add(r);
                }
            });
        } catch (IOException noProc) {
            // not Linux, or /proc hidden: the figures stay absent
        }
    }

    /** The "cpu" line of /proc/stat as busy and steal ticks; empty when it is missing or garbled. */
    static Optional<Reading> parse(String procStat, long epochMillis, long selfCpuNanos) {
        Optional<long[]> cpu = ProcFields.counters(procStat, "cpu");
        if (cpu.isEmpty() || cpu.get().length <= STEAL || selfCpuNanos < 0) {
            return Optional.empty();
        }
        long[] f = cpu.get();
        // guest and guest_nice are already inside user and nice; iowait is idle time.
        long busy = f[USER] + f[NICE] + f[SYSTEM] + f[IRQ] + f[SOFTIRQ] + f[STEAL];
        return Optional.of(new Reading(epochMillis, busy, f[STEAL], selfCpuNanos));
    }

    /**
     * The machine's load over [fromMillis, toMillis].
     *
     * @param serverCpuPercent the server tree's CPU over the window, in % of one core; null if not sampled
     * @param clientCpuPercent the client's own CPU over it; null when the driver does not report it
     * @param disturbedAbovePercent outside CPU above this marks the run disturbed
     */
    RunResult.MachineLoad load(long fromMillis, long toMillis, Double serverCpuPercent, Double clientCpuPercent,
                               double disturbedAbovePercent) {
        List<Reading> all;
        synchronized (readings) {
            all = List.copyOf(readings);
        }
        Double loadAverage = loadAverage1m();
        if (all.size() < 2 || toMillis <= fromMillis) {
            return new RunResult.MachineLoad(null, null, null, loadAverage, disturbedAbovePercent, false,
                    "/proc/stat could not be sampled over the window");
        }
        return account(toMillis - fromMillis,
                delta(all, fromMillis, toMillis, Reading::busyTicks),
                delta(all, fromMillis, toMillis, Reading::stealTicks),
                delta(all, fromMillis, toMillis, Reading::selfCpuNanos),
                serverCpuPercent, clientCpuPercent, loadAverage, disturbedAbovePercent);
    }

    /**
     * The arithmetic, apart from any sampling: outside = busy − server − client − self, in % of one
     * core; within {@link #NEGATIVE_TOLERANCE_PERCENT_OF_ONE_CORE} below 0 reads 0, further below is absent.
     */
    static RunResult.MachineLoad account(long windowMillis, double busyTicks, double stealTicks, double selfCpuNanos,
                                         Double serverCpuPercent, Double clientCpuPercent, Double loadAverage1m,
                                         double disturbedAbovePercent) {
        double windowSeconds = windowMillis / 1000.0;
        double busy = PERCENT * busyTicks / ProcessProbe.TICKS_PER_SECOND / windowSeconds;
        double steal = PERCENT * stealTicks / ProcessProbe.TICKS_PER_SECOND / windowSeconds;
        double self = PERCENT * selfCpuNanos / (windowMillis * NANOS_PER_MILLI);
        if (serverCpuPercent == null || clientCpuPercent == null) {
            String who = serverCpuPercent == null ? "the server's CPU was not sampled" : "the driver does not report its own CPU";
            return new RunResult.MachineLoad(null, steal, busy, loadAverage1m, disturbedAbovePercent, false,
                    "outside CPU unknown: " + who);
        }
        double outside = busy - serverCpuPercent - clientCpuPercent - self;
        if (outside < -NEGATIVE_TOLERANCE_PERCENT_OF_ONE_CORE) {
            return new RunResult.MachineLoad(null, steal, busy, loadAverage1m, disturbedAbovePercent, false,
                    String.format("outside CPU unknown: machine busy %.1f %% is less than server %.1f + client %.1f"
                            + " + compare %.1f %% (accounting off by more than %.0f %% of a core)",
                            busy, serverCpuPercent, clientCpuPercent, self, NEGATIVE_TOLERANCE_PERCENT_OF_ONE_CORE));
        }
        outside = Math.max(0, outside);
        return new RunResult.MachineLoad(outside, steal, busy, loadAverage1m, disturbedAbovePercent,
                outside > disturbedAbovePercent, "");
    }

    private Double loadAverage1m() {
        try {
            String[] f = source.loadavg().strip().split("\\s+");
            return f.length == 0 ? null : Double.valueOf(f[0]);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** value(to) − value(from), interpolated at the window's edges the same way as the server's samples. */
    private static double delta(List<Reading> all, long from, long to, ToLongFunction<Reading> f) {
        return Sampler.delta(all, from, to, Reading::epochMillis, f);
    }

    @Override
    public void close() {
        done = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(intervalMillis * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
