package io.concbench.compare;

import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.probe.ProcessSample;
import io.concbench.harness.result.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * Samples a process tree from /proc on its own thread, about once per interval, until closed.
 * The figures over a window are interpolated between the samples around its edges, so the client's
 * warm-up does not count.
 */
final class Sampler implements AutoCloseable {

    static final long DEFAULT_INTERVAL_MILLIS = 1000;

    private final long pid;
    private final long intervalMillis;
    private final List<RunResult.Sample> samples = new ArrayList<>();   // guarded by itself
    private final Thread thread;
    private volatile boolean done;
    private volatile int processes = 1;

    Sampler(long pid, long intervalMillis) {
        this.pid = pid;
        this.intervalMillis = intervalMillis;
        this.thread = Thread.ofPlatform().daemon().name("compare-sampler").start(this::loop);
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
        Optional<ProcessSample> s = ProcessProbe.tree(pid);
        if (s.isEmpty()) {
            return;
        }
        ProcessSample p = s.get();
        processes = Math.max(processes, p.processes());
        synchronized (samples) {
            samples.add(new RunResult.Sample(System.currentTimeMillis(), p.cpuNanos(), p.rssBytes(), p.threads(),
                    p.voluntarySwitches(), p.involuntarySwitches()));
        }
    }

    List<RunResult.Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** CPU, switches, RSS and threads over [fromMillis, toMillis], for {@code requests} answered in it. */
    RunResult.ServerFigures figures(long fromMillis, long toMillis, long requests) {
        List<RunResult.Sample> all = samples();
        if (all.size() < 2 || toMillis <= fromMillis) {
            return null;
        }
        double cpu = at(all, fromMillis, toMillis, RunResult.Sample::cpuNanos);
        double voluntary = at(all, fromMillis, toMillis, RunResult.Sample::voluntarySwitches);
        double involuntary = at(all, fromMillis, toMillis, RunResult.Sample::involuntarySwitches);
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
        return new RunResult.ServerFigures(100.0 * cpu / windowNanos, cpu / 1e9 / perRequest * 1000,
                voluntary / perRequest, involuntary / perRequest, rssMax, threadsMax, processes, all);
    }

    /** value(to) - value(from), each linearly interpolated between the samples around it. */
    private static double at(List<RunResult.Sample> all, long from, long to, java.util.function.ToLongFunction<RunResult.Sample> f) {
        return interpolate(all, to, f) - interpolate(all, from, f);
    }

    static double interpolate(List<RunResult.Sample> all, long t, java.util.function.ToLongFunction<RunResult.Sample> f) {
        RunResult.Sample before = all.get(0);
        RunResult.Sample after = all.get(all.size() - 1);
        for (RunResult.Sample s : all) {
            if (s.epochMillis() <= t) {
                before = s;
            }
            if (s.epochMillis() >= t) {
                after = s;
                break;
            }
        }
        if (after.epochMillis() == before.epochMillis()) {
            return f.applyAsLong(before);
        }
        double share = (double) (t - before.epochMillis()) / (after.epochMillis() - before.epochMillis());
        share = Math.max(0, Math.min(1, share));
        return f.applyAsLong(before) + share * (f.applyAsLong(after) - f.applyAsLong(before));
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
