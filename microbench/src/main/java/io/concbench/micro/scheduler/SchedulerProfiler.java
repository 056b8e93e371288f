package io.concbench.micro.scheduler;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Adds the T5 columns JMH cannot measure itself to each iteration of {@link Scheduler}: mean and
 * p99 submit-to-start latency (µs), deadline misses, and voluntary and nonvoluntary context
 * switches of the whole process, each per 1,000 tasks. Other benchmarks record no tasks and get no
 * extra results, so it is safe to enable for a whole run.
 *
 * <p>Enable with {@code -prof io.concbench.micro.scheduler.SchedulerProfiler}. JMH calls it on its
 * own thread between iterations, in the benchmark's JVM.
 */
public final class SchedulerProfiler implements InternalProfiler {

    static final String MEAN = "submitToStart.mean";
    static final String P99 = "submitToStart.p99";
    static final String MISSES = "deadlineMisses";
    static final String VOLUNTARY = "switches.voluntary";
    static final String NONVOLUNTARY = "switches.nonvoluntary";
    static final String PER_THOUSAND_TASKS = "#/1k tasks";
    private static final double TASKS_PER_UNIT = 1_000;
    private static final double NANOS_PER_MICRO = 1_000;

    private ThreadSwitches before = ThreadSwitches.UNAVAILABLE;

    @Override
    public String getDescription() {
        return "Scheduler: submit-to-start latency, deadline misses and context switches per 1,000 tasks";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        TaskLog.ITERATION.drain();
        before = ThreadSwitches.now();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        ThreadSwitches after = ThreadSwitches.now();
        boolean switchesKnown = before.available() && after.available();
        TaskLog.Snapshot tasks = TaskLog.ITERATION.drain();
        if (tasks.tasks() == 0) {
            return List.of();
        }
        double thousands = tasks.tasks() / TASKS_PER_UNIT;
        List<Result> results = new ArrayList<>();
        results.add(new ScalarResult(MEAN, tasks.meanNanos() / NANOS_PER_MICRO, "us", AggregationPolicy.AVG));
        results.add(new ScalarResult(P99, tasks.p99Nanos() / NANOS_PER_MICRO, "us", AggregationPolicy.AVG));
        results.add(new ScalarResult(MISSES, tasks.deadlineMisses() / thousands, PER_THOUSAND_TASKS, AggregationPolicy.AVG));
        if (switchesKnown) {
            ThreadSwitches.Delta switches = after.since(before);
            results.add(new ScalarResult(VOLUNTARY, switches.voluntary() / thousands, PER_THOUSAND_TASKS, AggregationPolicy.AVG));
            results.add(new ScalarResult(NONVOLUNTARY, switches.nonvoluntary() / thousands, PER_THOUSAND_TASKS, AggregationPolicy.AVG));
        }
        return results;
    }
}
