package io.concbench.report;

import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Exact merge of load agents' results ({@code load --segment i/N --json}) into the result one client
 * would have reported: latency histograms are added (never percentiles averaged), counts and errors
 * summed, the rate is held only if every agent held its share, and each agent's share, lateness and
 * client CPU are kept in {@link LoadResult#agents()}.
 *
 * <p>The merged client CPU is the agents' CPU time added up, over the cores of the largest agent:
 * right for agents on one machine, which share its cores ({@code load --agents}, compare), so a
 * client-bound client is still flagged; for agents on several hosts read each agent's own line.
 *
 * <p>Inputs that are not one run are refused with one line naming the difference: another URL, mode,
 * pipeline or warmup, histograms of another precision or none at all (an external tool's), open-loop
 * windows of different lengths or starting more than {@link #START_TOLERANCE_MILLIS} apart, a segment
 * given twice or missing. The merged window runs from the earliest start to the latest end (in open
 * loop every agent's is the same {@code -d}; in closed loop with {@code -n} each ends when its share is done).
 */
public final class LoadMerge {

    /** Agents started with one --start-at begin within milliseconds; a second apart is not one run. */
    public static final long START_TOLERANCE_MILLIS = 1_000;
    /** Open-loop windows are exactly -d; a window this much shorter was stopped early. */
    static final double WINDOW_TOLERANCE = 0.01;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private LoadMerge() {}

    /** The merged result; {@link IllegalArgumentException} with one line when the inputs are not one run. */
    public static LoadResult merge(List<LoadResult> in) {
        if (in.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: give the agents' result JSON files");
        }
        LoadResult first = in.get(0);
        same(in, LoadResult::url, "URL");
        same(in, LoadResult::mode, "mode (open or closed loop)");
        same(in, LoadResult::pipeline, "--pipeline");
        same(in, LoadResult::warmupNanos, "--warmup");
        boolean open = LoadResult.OPEN.equals(first.mode());
        checkWindows(in, open);
        checkSegments(in);

        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (LoadResult r : in) {
            start = Math.min(start, r.startedAtEpochMillis() * NANOS_PER_MILLI);
            end = Math.max(end, r.startedAtEpochMillis() * NANOS_PER_MILLI + r.durationNanos());
        }
        long window = open ? first.durationNanos() : end - start;
        int connections = 0;
        int threads = 0;
        double rate = 0;
        long requests = 0;
        double requestsPerSecond = 0;
        long bytesRead = 0;
        boolean rateHeld = true;
        ErrorCounts errors = ErrorCounts.NONE;
        long cpuNanos = 0;
        double cpuPercent = 0;
        long cpuWall = 0;
        int processors = 0;
        boolean cpuKnown = true;
        List<LoadResult.Agent> agents = new ArrayList<>();
        for (LoadResult r : in) {
            connections += r.connections();
            threads += r.threads();
            rate += r.requestedRate();
            requests += r.requests();
            requestsPerSecond += r.requestsPerSecond();
            bytesRead += r.bytesRead();
            rateHeld &= r.rateHeld();
            errors = errors.plus(r.errors());
            if (r.clientCpu() == null) {
                cpuKnown = false;
            } else {
                cpuNanos += r.clientCpu().cpuNanos();
                cpuPercent += r.clientCpu().percentOfOneCore();
                cpuWall = Math.max(cpuWall, r.clientCpu().wallNanos());
                processors = Math.max(processors, r.clientCpu().availableProcessors());
            }
            agents.addAll(r.agents() != null ? r.agents() : List.of(new LoadResult.Agent(null, null, 0, r.connections(),
                    r.requestedRate(), r.requests(), r.rateHeld(), r.clientCpu())));
        }
        Long sent = sumOrNull(in, LoadResult::sent);
        Long scheduled = sumOrNull(in, LoadResult::scheduled);
        Long inFlight = sumOrNull(in, LoadResult::inFlightAtEnd);
        Double sentPerSecond = sent == null || window <= 0 ? null : sent / (window / NANOS_PER_SECOND);
        boolean allSendLag = in.stream().allMatch(r -> r.sendLag() != null);
        return new LoadResult(first.tool(), first.url(), first.mode(), connections, threads, first.pipeline(), rate,
                first.warmupNanos(), window, requests, requestsPerSecond, sent, sentPerSecond, scheduled, rateHeld,
                inFlight, bytesRead, added(in, LoadResult::latency), added(in, LoadResult::uncorrectedLatency), errors,
                cpuKnown ? new ClientCpu(cpuNanos, cpuWall, cpuPercent, processors) : null, jvm(in),
                start / NANOS_PER_MILLI, allSendLag ? added(in, LoadResult::sendLag) : null, connects(in), null, List.copyOf(agents));
    }

    private static <T> void same(List<LoadResult> in, Function<LoadResult, T> f, String what) {
        T v = f.apply(in.get(0));
        for (int i = 1; i < in.size(); i++) {
            if (!Objects.equals(v, f.apply(in.get(i)))) {
                throw new IllegalArgumentException("cannot merge: input 1 and input " + (i + 1) + " differ in " + what
                        + " (" + v + " vs " + f.apply(in.get(i)) + "); merge only the agents of one run");
            }
        }
    }

    private static void checkWindows(List<LoadResult> in, boolean open) {
        LoadResult first = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            LoadResult r = in.get(i);
            long apart = Math.abs(r.startedAtEpochMillis() - first.startedAtEpochMillis());
            if (apart > START_TOLERANCE_MILLIS) {
                throw new IllegalArgumentException("cannot merge: input " + (i + 1) + "'s measured window started "
                        + apart + " ms from input 1's; start every agent with the same --start-at");
            }
            if (open && Math.abs(r.durationNanos() - first.durationNanos()) > WINDOW_TOLERANCE * first.durationNanos()) {
                throw new IllegalArgumentException("cannot merge: input " + (i + 1) + " measured " + Units.nanos(r.durationNanos())
                        + ", input 1 " + Units.nanos(first.durationNanos()) + "; give every agent the same -d (or one stopped early)");
            }
        }
        Histogram reference = null;
        for (int i = 0; i < in.size(); i++) {
            LatencySummary l = in.get(i).latency();
            if (l == null || !l.hasHistogram()) {
                throw new IllegalArgumentException("cannot merge: input " + (i + 1) + " (" + in.get(i).tool()
                        + ") kept no latency histogram; only concbench load results merge exactly");
            }
            Histogram h = l.decodeHistogram();
            if (reference == null) {
                reference = h;
            } else if (h.getNumberOfSignificantValueDigits() != reference.getNumberOfSignificantValueDigits()
                    || h.getHighestTrackableValue() != reference.getHighestTrackableValue()) {
                throw new IllegalArgumentException("cannot merge: input " + (i + 1) + "'s histogram has "
                        + h.getNumberOfSignificantValueDigits() + " significant digits up to " + h.getHighestTrackableValue()
                        + ", input 1's " + reference.getNumberOfSignificantValueDigits() + " up to "
                        + reference.getHighestTrackableValue() + "; run every agent with the same concbench version");
            }
        }
    }

    /** Segments i/N of one run: one N, each i at most once, none missing. Inputs that were not segments pass. */
    private static void checkSegments(List<LoadResult> in) {
        Set<String> seen = new HashSet<>();
        Integer n = null;
        for (LoadResult r : in) {
            if (r.agents() == null) {
                continue;
            }
            for (LoadResult.Agent a : r.agents()) {
                if (a.segment() == null) {
                    continue;
                }
                int count = Integer.parseInt(a.segment().substring(a.segment().indexOf('/') + 1));
                if (n != null && n != count) {
                    throw new IllegalArgumentException("cannot merge: segment " + a.segment() + " is a share of " + count
                            + " agents, another input's of " + n + "; merge only the agents of one run");
                }
                n = count;
                if (!seen.add(a.segment())) {
                    throw new IllegalArgumentException("cannot merge: segment " + a.segment()
                            + " is given twice; each agent's result once");
                }
            }
        }
        if (n != null && seen.size() != n) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!seen.contains(i + "/" + n)) {
                    missing.add(i + "/" + n);
                }
            }
            throw new IllegalArgumentException("cannot merge: segment" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " missing; a merge of part of the agents is not the run");
        }
    }

    private static LatencySummary added(List<LoadResult> in, Function<LoadResult, LatencySummary> f) {
        Histogram sum = null;
        for (LoadResult r : in) {
            Histogram h = f.apply(r).decodeHistogram();
            if (sum == null) {
                sum = h;
            } else {
                sum.add(h);
            }
        }
        return LatencySummary.of(sum);
    }

    private static Long sumOrNull(List<LoadResult> in, Function<LoadResult, Long> f) {
        long sum = 0;
        for (LoadResult r : in) {
            Long v = f.apply(r);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    /**
     * Connect causes summed. The TIME_WAIT counts are per machine, not per agent: agents on one
     * machine would count the same sockets N times and agents on N machines count different ones,
     * so a merged result leaves them absent.
     */
    private static LoadResult.Connects connects(List<LoadResult> in) {
        long opened = 0;
        long ports = 0;
        long refused = 0;
        long timedOut = 0;
        long other = 0;
        for (LoadResult r : in) {
            LoadResult.Connects c = r.connects();
            if (c == null) {
                return null;
            }
            opened += c.opened();
            ports += c.portsExhausted();
            refused += c.refused();
            timedOut += c.timedOut();
            other += c.other();
        }
        return new LoadResult.Connects(opened, ports, refused, timedOut, other, null, null);
    }

    private static String jvm(List<LoadResult> in) {
        Set<String> jvms = new java.util.LinkedHashSet<>();
        in.forEach(r -> jvms.add(r.jvm()));
        return String.join(" / ", jvms);
    }
}
