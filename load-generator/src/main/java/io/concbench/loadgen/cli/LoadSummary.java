package io.concbench.loadgen.cli;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RateSearchResult;
import io.concbench.loadgen.RateSearch;
import io.concbench.report.Units;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The human summary of a load run, wrk-like: what a reader looks at first, in that order. Stateless.
 * Public for {@code concbench merge}, which prints merged agents' results the same way.
 */
public final class LoadSummary {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    /** Above this, the client's CPU probably limited what it measured. */
    private static final double BUSY_CLIENT_PERCENT_PER_CORE = 90;

    private LoadSummary() {}

    public static void print(LoadResult r, PrintWriter out) {
        boolean open = LoadResult.OPEN.equals(r.mode());
        out.printf(Locale.ROOT, "concbench load %s%n", r.url());
        out.printf(Locale.ROOT, "  %s loop: %,d connections, %d event loop%s, pipeline %d, %s measured%s%n",
                r.mode(), r.connections(), r.threads(), r.threads() == 1 ? "" : "s", r.pipeline(),
                seconds(r.durationNanos()), r.warmupNanos() > 0 ? " after " + seconds(r.warmupNanos()) + " warmup" : "");
        out.printf(Locale.ROOT, "  %,d requests in %s, %,.1f req/s, %,.1f MiB read%n", r.requests(),
                seconds(r.durationNanos()), r.requestsPerSecond(), r.bytesRead() / BYTES_PER_MIB);
        if (open) {
            out.printf(Locale.ROOT, "  rate: requested %s req/s, sent %s req/s (%,d of %,d scheduled)%n",
                    rate(r.requestedRate()), rate(r.sentPerSecond()), r.sent(), r.scheduled());
            if (!r.rateHeld()) {
                out.printf(Locale.ROOT, "  RATE NOT HELD: %,d scheduled requests were never sent; the server or this client"
                        + " (CPU %.0f %%) could not keep up, so these figures describe a lower rate than requested%n",
                        r.scheduled() - r.sent(), r.clientCpu().percentOfOneCore());
            }
        }
        out.printf(Locale.ROOT, "  latency (ms)  %9s %9s %9s %9s %9s %9s%n", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        if (open) {
            row(out, "corrected", r.latency());
            row(out, "uncorrected", r.uncorrectedLatency());
            if (r.sendLag() != null) {
                row(out, "send lag", r.sendLag());
            }
            out.println("    (corrected: from each request's intended start; uncorrected: from its actual send;"
                    + " send lag: how late each request left)");
            // Nothing answered, no p99 (an unreachable server): nothing to judge.
            String late = r.latency().p99Nanos() == null ? "" : lateness(r, r.latency().p99Nanos(), "corrected p99");
            if (!late.isEmpty()) {
                out.println("  CLIENT LATE: " + late + "; the corrected figures measure this client as much as the server");
            }
        } else {
            row(out, "from send", r.latency());
            out.println("    (closed loop: measured from the actual send, so not corrected for coordinated omission;"
                    + " use -R for that)");
        }
        out.println("  errors: " + errors(r.errors()));
        String connects = connects(r.connects());
        if (!connects.isEmpty()) {
            out.println("  " + connects);
        }
        if (r.inFlightAtEnd() != null && r.inFlightAtEnd() > 0) {
            out.printf(Locale.ROOT, "  in flight at end: %,d (sent, never answered, not counted as errors)%n", r.inFlightAtEnd());
        }
        if (r.clientCpu() != null) {
            double perCore = r.clientCpu().percentOfOneCore() / Math.max(1, r.threads());
            out.printf(Locale.ROOT, "  client CPU: %.0f %% of one core (%d available)%s%n", r.clientCpu().percentOfOneCore(),
                    r.clientCpu().availableProcessors(), perCore > BUSY_CLIENT_PERCENT_PER_CORE
                            ? "; the client's loops were nearly saturated: add -t or a core before trusting the figures" : "");
        }
        agents(r, out);
    }

    /** One line per agent of a merged or segment result: its share, whether it held it, its lateness and CPU. */
    private static void agents(LoadResult r, PrintWriter out) {
        if (r.agents() == null) {
            return;
        }
        if (r.agents().size() > 1) {
            out.printf(Locale.ROOT, "  merged from %d agents (histograms added, counts summed):%n", r.agents().size());
        }
        for (LoadResult.Agent a : r.agents()) {
            out.printf(Locale.ROOT, "    agent %-6s %,7d connections  %,10d requests%s%s  client CPU %s%n",
                    a.segment() == null ? "-" : a.segment(), a.connections(), a.requests(),
                    LoadResult.OPEN.equals(r.mode()) ? "  " + rate(a.requestedRate()) + " req/s " + (a.rateHeld() ? "held" : "NOT HELD") : "",
                    a.lateNanos() > 0 ? "  ready " + millis(a.lateNanos()) + " late" : "",
                    a.clientCpu() == null ? Units.NONE : String.format(Locale.ROOT, "%.0f %% of one core", a.clientCpu().percentOfOneCore()));
        }
    }

    static void printStep(int n, RateSearchResult.Step s, RateSearch.Objective objective, PrintWriter out) {
        LoadResult r = s.result();
        String late = lateness(r, s.percentileNanos(), "corrected " + objective.label());
        out.printf(Locale.ROOT, "  step %2d  %12s req/s  sent %12s req/s  %s %10s  send lag p99 %10s  errors %,d  %s%s%n", n,
                rate(s.rate()), rate(r.sentPerSecond()), objective.label(), millis(s.percentileNanos()),
                r.sendLag() == null ? "–" : millis(r.sendLag().p99Nanos()), r.errors().total(),
                s.met() ? "meets" : "fails: " + s.why(), late.isEmpty() ? "" : "; " + late);
    }

    static void printSearch(RateSearchResult r, RateSearch.Objective objective, PrintWriter out) {
        RateSearchResult.ClientBound bound = r.clientBound();
        if (bound != null) {
            out.printf(Locale.ROOT, "no max rate: client-bound at %s req/s: send lag p99 %s (server's uncorrected %s %s,"
                            + " target %s); this step measured the client's own lateness, not the server's limit"
                            + "%s. Give the client a quiet core of its own (taskset, -t) and search again%n",
                    rate(bound.rate()), millis(bound.sendLagP99Nanos()), objective.label(), millis(bound.uncorrectedNanos()),
                    millis(objective.targetNanos()), r.maxRate() > 0 ? " (the objective was met at " + rate(r.maxRate())
                            + " req/s: a lower bound, not the limit)" : "");
        } else if (r.maxRate() > 0) {
            out.printf(Locale.ROOT, "max rate with corrected %s <= %s: %s req/s (%d steps)%n", objective.label(),
                    millis(objective.targetNanos()), rate(r.maxRate()), r.steps().size());
        } else {
            out.printf(Locale.ROOT, "no rate tried met corrected %s <= %s (%d steps)%n", objective.label(),
                    millis(objective.targetNanos()), r.steps().size());
        }
    }

    private static void row(PrintWriter out, String label, LatencySummary l) {
        out.printf(Locale.ROOT, "    %-11s %9s %9s %9s %9s %9s %9s%n", label, ms(l.p50Nanos()), ms(l.p90Nanos()),
                ms(l.p99Nanos()), ms(l.p999Nanos()), ms(l.p9999Nanos()), ms(l.maxNanos()));
    }

    /**
     * "the client's own lateness is 40 % of this figure (send lag p99 …)" when the send-lag p99 is at
     * least {@link LoadResult#CLIENT_LATENESS_SHARE} of {@code figureNanos}; empty otherwise or unmeasured.
     */
    static String lateness(LoadResult r, long figureNanos, String figureName) {
        Double share = r.clientLateness(figureNanos);
        if (share == null || share < LoadResult.CLIENT_LATENESS_SHARE) {
            return "";
        }
        return String.format(Locale.ROOT, "the client's own lateness is %.0f %% of this figure (send lag p99 %s of %s %s)",
                share * 100, millis(r.sendLag().p99Nanos()), figureName, millis(figureNanos));
    }

    /** Why connects failed, and what TIME_WAIT held; empty when nothing failed and no port is held. */
    static String connects(LoadResult.Connects c) {
        if (c == null || c.failed() == 0) {
            return "";
        }
        StringJoiner causes = new StringJoiner(", ");
        if (c.portsExhausted() > 0) {
            causes.add(String.format(Locale.ROOT, "%,d local ports exhausted (EADDRNOTAVAIL%s)", c.portsExhausted(),
                    c.timeWaitBefore() == null ? "" : String.format(Locale.ROOT, "; %,d sockets towards the target were in"
                            + " TIME_WAIT when the run began: wait a minute or widen net.ipv4.ip_local_port_range",
                            c.timeWaitBefore())));
        }
        if (c.refused() > 0) {
            causes.add(String.format(Locale.ROOT, "%,d refused (nothing listening, or its accept queue full)", c.refused()));
        }
        if (c.timedOut() > 0) {
            causes.add(String.format(Locale.ROOT, "%,d timed out (SYNs unanswered: a full listen backlog?)", c.timedOut()));
        }
        if (c.other() > 0) {
            causes.add(String.format(Locale.ROOT, "%,d other", c.other()));
        }
        return String.format(Locale.ROOT, "connect failures over the whole run, warmup included: %,d of %,d attempts: %s",
                c.failed(), c.failed() + c.opened(), causes);
    }

    static String errors(ErrorCounts e) {
        if (e.total() == 0) {
            return "none";
        }
        StringJoiner line = new StringJoiner(", ");
        for (ErrorClass c : ErrorClass.values()) {
            line.add(String.format(Locale.ROOT, "%s %,d", c.label, e.get(c)));
        }
        return line.toString();
    }

    /** Milliseconds, or "–" for a figure not measured (a run that recorded no answer has no percentile). */
    private static String ms(Long nanos) {
        return nanos == null ? Units.NONE : String.format(Locale.ROOT, "%.3f", nanos / NANOS_PER_MILLI);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / NANOS_PER_MILLI);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / NANOS_PER_SECOND);
    }

    static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) && perSecond < Long.MAX_VALUE
                ? String.format(Locale.ROOT, "%,d", (long) perSecond)
                : String.format(Locale.ROOT, "%,.1f", perSecond);
    }
}
