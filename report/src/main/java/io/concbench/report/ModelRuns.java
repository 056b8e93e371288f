package io.concbench.report;

import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every repeat of one model in one cell of the matrix (same workload, target, connections and rate),
 * split into the runs that finished and those that failed.
 */
final class ModelRuns {

    /** A client above this share of its cores measured itself, not the server. */
    static final double CLIENT_BOUND_PERCENT = 90;

    final String model;
    final List<RunResult> ok = new ArrayList<>();
    final List<RunResult> failed = new ArrayList<>();

    ModelRuns(String model) {
        this.model = model;
    }

    void add(RunResult r) {
        (r.ok() ? ok : failed).add(r);
    }

    int runs() {
        return ok.size() + failed.size();
    }

    Stat stat(Metric m) {
        return Stat.of(ok.stream().mapToDouble(m::of));
    }

    /** Errors of every finished repeat, added up. */
    ErrorCounts errors() {
        ErrorCounts sum = ErrorCounts.NONE;
        for (RunResult r : ok) {
            if (r.load() != null && r.load().errors() != null) {
                sum = sum.plus(r.load().errors());
            }
        }
        return sum;
    }

    /** Whether any repeat's client was above {@link #CLIENT_BOUND_PERCENT} of its cores. */
    boolean clientBound() {
        return ok.stream().map(RunResult::load).anyMatch(ModelRuns::clientBound);
    }

    static boolean clientBound(LoadResult l) {
        return l != null && l.clientCpu() != null && l.clientCpu().availableProcessors() > 0
                && l.clientCpu().percentOfOneCore() / l.clientCpu().availableProcessors() > CLIENT_BOUND_PERCENT;
    }

    /** Cores the client could use (the largest seen over the repeats), 0 if unknown. */
    int clientCores() {
        return ok.stream().map(RunResult::load)
                .filter(l -> l != null && l.clientCpu() != null)
                .mapToInt(l -> l.clientCpu().availableProcessors()).max().orElse(0);
    }

    /** The finished repeats flagged disturbed: something outside took more CPU than the threshold. */
    List<RunResult> disturbed() {
        return ok.stream().filter(ModelRuns::disturbed).toList();
    }

    static boolean disturbed(RunResult r) {
        return r.environment() != null && r.environment().machineLoad() != null && r.environment().machineLoad().disturbed();
    }

    /** Whether any repeat has its outside CPU measured (runs before it was, have not). */
    boolean machineMeasured() {
        return ok.stream().anyMatch(r -> r.environment() != null && r.environment().machineLoad() != null
                && r.environment().machineLoad().outsideCpuPercentOfOneCore() != null);
    }

    /** Whether an open-loop repeat failed to send at the requested rate. */
    boolean rateMissed() {
        return ok.stream().map(RunResult::load).anyMatch(l -> l != null && !l.rateHeld());
    }

    /** The corrected latency histograms of every finished repeat, added exactly; empty if none has one. */
    Optional<Histogram> pooledLatency() {
        return pooled(l -> l.latency());
    }

    /** The same for uncorrected latency. */
    Optional<Histogram> pooledUncorrectedLatency() {
        return pooled(l -> l.uncorrectedLatency());
    }

    private Optional<Histogram> pooled(Function<LoadResult, LatencySummary> which) {
        List<Histogram> parts = new ArrayList<>();
        for (RunResult r : ok) {
            LatencySummary s = r.load() == null ? null : which.apply(r.load());
            if (s != null && s.hasHistogram() && s.count() > 0) {
                parts.add(s.decodeHistogram());
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(Histograms.sum(parts));
    }
}
