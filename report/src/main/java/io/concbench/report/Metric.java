package io.concbench.report;

import io.concbench.harness.ServerStats;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RunResult;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One figure of a run, as a number (NaN when the run lacks it). The CSV has a median/min/max column
 * triple per metric; the Markdown picks the ones a reader compares first.
 */
enum Metric {
    REQUESTS_PER_SECOND("req_per_s", Kind.LOAD, r -> load(r, LoadResult::requestsPerSecond)),
    SENT_PER_SECOND("sent_per_s", Kind.LOAD, r -> r.load() == null ? Double.NaN : orNaN(r.load().sentPerSecond())),
    P50_NANOS("p50_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::p50Nanos)),
    P90_NANOS("p90_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::p90Nanos)),
    P99_NANOS("p99_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::p99Nanos)),
    P999_NANOS("p999_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::p999Nanos)),
    P9999_NANOS("p9999_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::p9999Nanos)),
    MAX_NANOS("max_ns", Kind.LOAD, r -> latency(r, true, LatencySummary::maxNanos)),
    P50_UNCORRECTED_NANOS("p50_uncorrected_ns", Kind.LOAD, r -> latency(r, false, LatencySummary::p50Nanos)),
    P99_UNCORRECTED_NANOS("p99_uncorrected_ns", Kind.LOAD, r -> latency(r, false, LatencySummary::p99Nanos)),
    P999_UNCORRECTED_NANOS("p999_uncorrected_ns", Kind.LOAD, r -> latency(r, false, LatencySummary::p999Nanos)),
    SERVER_CPU_PERCENT("server_cpu_percent_of_one_core", Kind.LOAD, r -> server(r, RunResult.ServerFigures::cpuPercentOfOneCore)),
    SERVER_CPU_SECONDS_PER_1K("server_cpu_s_per_1k_requests", Kind.LOAD, r -> server(r, RunResult.ServerFigures::cpuSecondsPer1kRequests)),
    VOLUNTARY_SWITCHES_PER_REQUEST("voluntary_switches_per_request", Kind.LOAD, r -> switches(r, RunResult.ServerFigures::voluntarySwitchesPerRequest)),
    INVOLUNTARY_SWITCHES_PER_REQUEST("involuntary_switches_per_request", Kind.LOAD, r -> switches(r, RunResult.ServerFigures::involuntarySwitchesPerRequest)),
    PERF_CONTEXT_SWITCHES_PER_REQUEST("perf_context_switches_per_request", Kind.LOAD, r -> switches(r, RunResult.ServerFigures::perfContextSwitchesPerRequest)),
    PERF_CPU_MIGRATIONS_PER_REQUEST("perf_cpu_migrations_per_request", Kind.LOAD, r -> switches(r, RunResult.ServerFigures::perfCpuMigrationsPerRequest)),
    SERVER_RSS_MAX_BYTES("server_rss_max_bytes", Kind.LOAD, r -> server(r, s -> s.rssMaxBytes())),
    SERVER_THREADS_MAX("server_threads_max", Kind.LOAD, r -> server(r, s -> s.threadsMax())),
    WORKER_SHARE_MIN_PERCENT("worker_share_min_percent", Kind.LOAD, r -> workerShare(r, true)),
    WORKER_SHARE_MAX_PERCENT("worker_share_max_percent", Kind.LOAD, r -> workerShare(r, false)),
    CLIENT_CPU_PERCENT("client_cpu_percent_of_one_core", Kind.LOAD,
            r -> r.load() == null || r.load().clientCpu() == null ? Double.NaN : r.load().clientCpu().percentOfOneCore()),
    OUTSIDE_CPU_PERCENT("outside_cpu_percent_of_one_core", Kind.LOAD,
            r -> machine(r, RunResult.MachineLoad::outsideCpuPercentOfOneCore)),
    STEAL_PERCENT("steal_percent_of_one_core", Kind.LOAD, r -> machine(r, RunResult.MachineLoad::stealPercentOfOneCore)),
    HELD("connections_held", Kind.MEMORY, r -> memory(r, RunResult.MemoryFigures::held)),
    HEAP_BYTES_PER_CONNECTION("heap_bytes_per_connection", Kind.MEMORY, r -> memory(r, RunResult.MemoryFigures::heapBytesPerConnection)),
    RSS_BYTES_PER_CONNECTION("rss_bytes_per_connection", Kind.MEMORY, r -> memory(r, RunResult.MemoryFigures::rssBytesPerConnection)),
    NMT_COMMITTED_BYTES_PER_CONNECTION("nmt_committed_bytes_per_connection", Kind.MEMORY,
            r -> nmt(r, RunResult.MemoryFigures::nmtCommittedBytesPerConnection)),
    NMT_THREAD_STACK_BYTES_PER_CONNECTION("nmt_thread_stack_bytes_per_connection", Kind.MEMORY,
            r -> nmt(r, RunResult.MemoryFigures::nmtThreadStackBytesPerConnection)),
    KERNEL_SOCKET_BYTES_PER_CONNECTION("kernel_socket_bytes_per_connection", Kind.MEMORY, r -> kernelSockets(r)),
    HEAP_NOISE_BYTES_PER_CONNECTION("heap_noise_bytes_per_connection", Kind.MEMORY, r -> noise(r, RunResult.Noise::heapBytes)),
    RSS_NOISE_BYTES_PER_CONNECTION("rss_noise_bytes_per_connection", Kind.MEMORY, r -> noise(r, RunResult.Noise::rssBytes)),
    NMT_COMMITTED_NOISE_BYTES_PER_CONNECTION("nmt_committed_noise_bytes_per_connection", Kind.MEMORY,
            r -> noise(r, RunResult.Noise::nmtCommittedBytes)),
    NMT_THREAD_STACK_NOISE_BYTES_PER_CONNECTION("nmt_thread_stack_noise_bytes_per_connection", Kind.MEMORY,
            r -> noise(r, RunResult.Noise::nmtThreadStackBytes)),
    KERNEL_SOCKET_NOISE_BYTES_PER_CONNECTION("kernel_socket_noise_bytes_per_connection", Kind.MEMORY,
            r -> noise(r, RunResult.Noise::kernelSocketBytes)),
    BASELINE_HEAP_BYTES("baseline_heap_bytes", Kind.MEMORY,
            r -> memory(r, m -> m.baseline() == null || m.baseline().heapUsedBytes() < 0 ? null : m.baseline().heapUsedBytes())),
    BASELINE_RSS_BYTES("baseline_rss_bytes", Kind.MEMORY,
            r -> memory(r, m -> m.baseline() == null || m.baseline().rssBytes() < 0 ? null : m.baseline().rssBytes()));

    /** Which rows a metric belongs to: driven load, or idle connections held. */
    enum Kind { LOAD, MEMORY }

    /** A per-connection figure that files written before absence was null record as -1: its source was unavailable. */
    private static final double UNAVAILABLE = -1;
    private static final double PERCENT = 100;

    final String column;
    final Kind kind;
    private final ToDoubleFunction<RunResult> value;

    Metric(String column, Kind kind, ToDoubleFunction<RunResult> value) {
        this.column = column;
        this.kind = kind;
        this.value = value;
    }

    double of(RunResult r) {
        return value.applyAsDouble(r);
    }

    /** The band a per-connection memory figure moves by itself, per connection held; null for other figures. */
    Metric noiseBand() {
        return switch (this) {
            case HEAP_BYTES_PER_CONNECTION -> HEAP_NOISE_BYTES_PER_CONNECTION;
            case RSS_BYTES_PER_CONNECTION -> RSS_NOISE_BYTES_PER_CONNECTION;
            case NMT_COMMITTED_BYTES_PER_CONNECTION -> NMT_COMMITTED_NOISE_BYTES_PER_CONNECTION;
            case NMT_THREAD_STACK_BYTES_PER_CONNECTION -> NMT_THREAD_STACK_NOISE_BYTES_PER_CONNECTION;
            case KERNEL_SOCKET_BYTES_PER_CONNECTION -> KERNEL_SOCKET_NOISE_BYTES_PER_CONNECTION;
            default -> null;
        };
    }

    private static double load(RunResult r, ToDoubleFunction<LoadResult> f) {
        return r.load() == null ? Double.NaN : f.applyAsDouble(r.load());
    }

    /** NaN when the run has no such latency, recorded nothing, or its tool does not measure this figure (null). */
    private static double latency(RunResult r, boolean corrected, Function<LatencySummary, ? extends Number> f) {
        if (r.load() == null) {
            return Double.NaN;
        }
        LatencySummary l = corrected ? r.load().latency() : r.load().uncorrectedLatency();
        return l == null || l.count() == 0 ? Double.NaN : orNaN(f.apply(l));
    }

    private static double orNaN(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }

    private static double server(RunResult r, ToDoubleFunction<RunResult.ServerFigures> f) {
        return r.server() == null ? Double.NaN : f.applyAsDouble(r.server());
    }

    /**
     * A switch figure; NaN when absent. A run that records its switch source never holds a negative one
     * (ServerFigures refuses it); an older run summed live threads only, which fell when threads
     * exited (-0.0341 per request for thread-per-connection): its negative figure is no count, so NaN.
     */
    private static double switches(RunResult r, java.util.function.Function<RunResult.ServerFigures, Double> f) {
        Double d = r.server() == null ? null : f.apply(r.server());
        if (d == null || d.isNaN()) {
            return Double.NaN;
        }
        if (d < 0) {
            if (r.server().switchesSource() != null) {
                throw new IllegalStateException("negative context switches per request (" + d + ") from "
                        + r.server().switchesSource() + " in " + r.model() + ": a measuring bug");
            }
            return Double.NaN;
        }
        return d;
    }

    /** A figure of the machine's load over the window; NaN when absent (older runs, external drivers). */
    private static double machine(RunResult r, java.util.function.Function<RunResult.MachineLoad, Double> f) {
        RunResult.MachineLoad m = r.environment() == null ? null : r.environment().machineLoad();
        Double v = m == null ? null : f.apply(m);
        return v == null ? Double.NaN : v;
    }

    private static double memory(RunResult r, Function<RunResult.MemoryFigures, ? extends Number> f) {
        return r.memory() == null ? Double.NaN : orNaN(f.apply(r.memory()));
    }

    private static double nmt(RunResult r, Function<RunResult.MemoryFigures, Double> f) {
        return memory(r, m -> {
            boolean off = m.baseline() != null && m.loaded() != null
                    ? m.baseline().nmtCommittedBytes() < 0 || m.loaded().nmtCommittedBytes() < 0
                    : f.apply(m) == null || f.apply(m) == UNAVAILABLE;
            return off ? null : f.apply(m);
        });
    }

    private static double kernelSockets(RunResult r) {
        return memory(r, m -> m.kernelSocketBaselineBytes() < 0 || m.kernelSocketLoadedBytes() < 0
                ? null : m.kernelSocketBytesPerConnection());
    }

    /** A band per connection held; NaN for files written before the band was measured: no band, no claim. */
    private static double noise(RunResult r, Function<RunResult.Noise, Long> band) {
        return memory(r, m -> m.noise() == null || band.apply(m.noise()) == null ? null
                : band.apply(m.noise()) / (double) Math.max(1, m.held()));
    }

    /** The smallest or largest worker's share of requests, in %; NaN unless there are several workers. */
    private static double workerShare(RunResult r, boolean smallest) {
        ServerStats s = r.serverStats();
        if (s == null || s.workers().size() < 2) {
            return Double.NaN;
        }
        long total = s.workers().stream().mapToLong(ServerStats.WorkerShare::requests).sum();
        if (total == 0) {
            return Double.NaN;
        }
        var shares = s.workers().stream().mapToDouble(w -> PERCENT * w.requests() / total);
        return smallest ? shares.min().orElse(Double.NaN) : shares.max().orElse(Double.NaN);
    }
}
