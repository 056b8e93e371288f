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

/** The human summary of a load run, wrk-like: what a reader looks at first, in that order. Stateless. */
final class LoadSummary {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    /** Above this, the client's CPU probably limited what it measured. */
    private static final double BUSY_CLIENT_PERCENT_PER_CORE = 90;

    private LoadSummary() {}

    static void print(LoadResult r, PrintWriter out) {
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
            out.println("    (corrected: from each request's intended start; uncorrected: from its actual send)");
        } else {
            row(out, "from send", r.latency());
            out.println("    (closed loop: measured from the actual send, so not corrected for coordinated omission;"
                    + " use -R for that)");
        }
        out.println("  errors: " + errors(r.errors()));
        if (r.inFlightAtEnd() > 0) {
            out.printf(Locale.ROOT, "  in flight at end: %,d (sent, never answered, not counted as errors)%n", r.inFlightAtEnd());
        }
        if (r.clientCpu() != null) {
            double perCore = r.clientCpu().percentOfOneCore() / Math.max(1, r.threads());
            out.printf(Locale.ROOT, "  client CPU: %.0f %% of one core (%d available)%s%n", r.clientCpu().percentOfOneCore(),
                    r.clientCpu().availableProcessors(), perCore > BUSY_CLIENT_PERCENT_PER_CORE
                            ? "; the client's loops were nearly saturated: add -t or a core before trusting the figures" : "");
        }
    }

    static void printStep(int n, RateSearchResult.Step s, RateSearch.Objective objective, PrintWriter out) {
        LoadResult r = s.result();
        out.printf(Locale.ROOT, "  step %2d  %12s req/s  sent %12s req/s  %s %10s  errors %,d  %s%n", n, rate(s.rate()),
                rate(r.sentPerSecond()), objective.label(), millis(s.percentileNanos()), r.errors().total(),
                s.met() ? "meets" : "fails: " + s.why());
    }

    static void printSearch(RateSearchResult r, RateSearch.Objective objective, PrintWriter out) {
        if (r.maxRate() > 0) {
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
