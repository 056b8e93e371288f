package io.concbench.compare;

import io.concbench.harness.probe.ContextSwitches;
import io.concbench.harness.probe.LiveThreadSwitches;
import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.probe.ProcessSample;
import io.concbench.harness.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;


/**
 * Samples a process tree from /proc on its own thread, about once per interval, until closed.
 * The figures over a window are interpolated between the samples around its edges, so the client's
 * warm-up does not count.
 *
 * <p>Context switches come from the server itself where it can say ({@code stats}: getrusage, which
 * keeps the counts of threads that exited), asked at each sample; else from /proc, made monotone by
 * {@link LiveThreadSwitches}. Either series never decreases, so the interpolated difference over a
 * window is never negative. The source is chosen once, when the sampler starts, and recorded.
 */
final class Sampler implements AutoCloseable {

    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    private final long pid;
    private final long intervalMillis;
    private final Supplier<Optional<ContextSwitches>> serverSwitches;
    private final String switchesSource;
    private final LiveThreadSwitches liveThreads;            // used only by the sampling thread, under samples' lock
    private final List<RunResult.Sample> samples = new ArrayList<>();   // guarded by itself
    private final Thread thread;
    private volatile boolean done;
    private volatile int processes = 1;

    /**
     * @param serverSwitches the server's own count of its switches (its {@code stats} answer), empty
     *        when it cannot say; called from the sampling thread and from {@link #sampleNow()}
     */
    Sampler(long pid, long intervalMillis, Supplier<Optional<ContextSwitches>> serverSwitches) {
        this.pid = pid;
        this.intervalMillis = intervalMillis;
        boolean rusage = serverSwitches.get().isPresent();
        this.serverSwitches = rusage ? serverSwitches : Optional::empty;
        this.switchesSource = rusage ? RunResult.ServerFigures.SWITCHES_RUSAGE : RunResult.ServerFigures.SWITCHES_LIVE_THREADS;
        this.liveThreads = rusage ? null : new LiveThreadSwitches(pid);
        this.thread = Thread.ofPlatform().daemon().name("compare-sampler").start(this::loop);
    }

    String switchesSource() {
        return switchesSource;
    }

    private void loop() {
        while (!done) {
            sampleNow();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one sample now (also called at the edges of a window). */
    void sampleNow() {
        long now = System.currentTimeMillis();
        Optional<ProcessSample> s = ProcessProbe.tree(pid);
        if (s.isEmpty()) {
            return;
        }
        ProcessSample p = s.get();
        processes = Math.max(processes, p.processes());
        Optional<ContextSwitches> fromServer = serverSwitches.get();
        synchronized (samples) {
            Optional<ContextSwitches> switches = liveThreads == null ? fromServer : liveThreads.read();
            samples.add(new RunResult.Sample(now, p.cpuNanos(), p.rssBytes(), p.threads(),
                    switches.map(ContextSwitches::voluntary).orElse(null),
                    switches.map(ContextSwitches::involuntary).orElse(null)));
        }
    }

    List<RunResult.Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * CPU, switches, RSS and threads over [fromMillis, toMillis], for {@code requests} answered in it;
     * {@code perf} is what {@link PerfStat} counted meanwhile (empty without perf).
     */
    RunResult.ServerFigures figures(long fromMillis, long toMillis, long requests, List<PerfStat.Point> perf) {
        List<RunResult.Sample> all = samples();
        if (all.size() < 2 || toMillis <= fromMillis) {
            return null;
        }
        double cpu = delta(all, fromMillis, toMillis, RunResult.Sample::epochMillis, RunResult.Sample::cpuNanos);
        long rssMax = 0;
        long threadsMax = 0;
        for (RunResult.Sample s : all) {
            if (s.epochMillis() >= fromMillis && s.epochMillis() <= toMillis) {
                rssMax = Math.max(rssMax, s.rssBytes());
                threadsMax = Math.max(threadsMax, s.threads());
            }
        }
        double windowNanos = (toMillis - fromMillis) * 1e6;
        double perRequest = Math.max(1, requests);
        List<RunResult.Sample> counted = all.stream().filter(s -> s.voluntarySwitches() != null).toList();
        Double voluntary = counted.size() < 2 ? null
                : delta(counted, fromMillis, toMillis, RunResult.Sample::epochMillis, RunResult.Sample::voluntarySwitches) / perRequest;
        Double involuntary = counted.size() < 2 ? null
                : delta(counted, fromMillis, toMillis, RunResult.Sample::epochMillis, RunResult.Sample::involuntarySwitches) / perRequest;
        Double perfSwitches = perf.size() < 2 ? null
                : delta(perf, fromMillis, toMillis, PerfStat.Point::epochMillis, PerfStat.Point::contextSwitches) / perRequest;
        Double perfMigrations = perf.size() < 2 ? null
                : delta(perf, fromMillis, toMillis, PerfStat.Point::epochMillis, PerfStat.Point::cpuMigrations) / perRequest;
        return new RunResult.ServerFigures(100.0 * cpu / windowNanos, cpu / 1e9 / perRequest * 1000,
                voluntary, involuntary, rssMax, threadsMax, processes, all, switchesSource, perfSwitches, perfMigrations);
    }

    /** value(to) - value(from), each linearly interpolated between the points around it; ≥ 0 for a non-decreasing series. */
    static <T> double delta(List<T> all, long from, long to, ToLongFunction<T> time, ToLongFunction<T> value) {
        return interpolate(all, to, time, value) - interpolate(all, from, time, value);
    }

    /** The value at {@code t}, linearly interpolated between the points around it; the first or last value outside them. */
    static <T> double interpolate(List<T> all, long t, ToLongFunction<T> time, ToLongFunction<T> value) {
        T before = all.get(0);
        T after = all.get(all.size() - 1);
        for (T s : all) {
            if (time.applyAsLong(s) <= t) {
                before = s;
            }
            if (time.applyAsLong(s) >= t) {
                after = s;
                break;
            }
        }
        long t0 = time.applyAsLong(before);
        long t1 = time.applyAsLong(after);
        if (t1 == t0) {
            return value.applyAsLong(before);
        }
        double share = (double) (t - t0) / (t1 - t0);
        share = Math.max(0, Math.min(1, share));
        return value.applyAsLong(before) + share * (value.applyAsLong(after) - value.applyAsLong(before));
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join(intervalMillis * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
