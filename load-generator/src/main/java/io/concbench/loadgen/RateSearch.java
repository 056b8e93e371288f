package io.concbench.loadgen;

import io.concbench.harness.result.LoadResult;
import io.concbench.harness.result.RateSearchResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --max-rate}: finds the highest open-loop rate whose corrected latency percentile stays at
 * or under a target. Doubles the rate from a start until a step fails, then bisects between the
 * last rate that met the objective and the first that did not, until they are within
 * {@link #PRECISION} of each other. Each step is a full, fresh open-loop run (connect, warmup,
 * measure) of the base options' duration at the step's rate.
 *
 * <p>A step meets the objective when the rate was held (the client sent what was scheduled), no
 * request failed and the corrected percentile is within the target: a server that answers fast by
 * answering errors, or a rate the client could not generate, does not count.
 *
 * <p>A step the client failed stops the search: the server answered within the target
 * (uncorrected percentile) but the client sent late, its send-lag p99 at least
 * {@link LoadResult#CLIENT_LATENESS_SHARE} of the corrected percentile; or the send-lag p99 alone
 * exceeds the target, which no server could make up for.
 * Bisecting further would only find the client's floor and report it as the server's limit (as
 * a search against nginx once reported 484 req/s for a server that serves 80 k).
 *
 * <p>Threading: {@link #run} on one thread; {@link #stop()} from any.
 */
public final class RateSearch {

    /** Where the doubling starts when the user gives no {@code -R}. */
    public static final double DEFAULT_START_RATE = 1000;
    /** Bisection stops when the bracket is this narrow, relative to its lower end. */
    static final double PRECISION = 0.05;
    /** At most this many steps, whatever the bracket. */
    static final int MAX_STEPS = 20;
    /** Below one request per second a latency percentile means little. */
    static final double MIN_RATE = 1;

    private static final Pattern OBJECTIVE = Pattern.compile("p(\\d{1,3}(?:\\.\\d+)?)=(.+)");

    /**
     * A latency objective, e.g. {@code p99=10ms}.
     *
     * @param percentile in (0, 100]
     * @param targetNanos the latency the percentile must not exceed
     */
    public record Objective(double percentile, long targetNanos) {

        public Objective {
            if (!(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("--slo percentile must be above 0 and at most 100, got " + percentile);
            }
            if (targetNanos <= 0) {
                throw new IllegalArgumentException("--slo latency must be positive");
            }
        }

        /** Parses {@code pNN=LATENCY}; {@code latencyParser} reads the latency ({@code 10ms}, {@code 1.5s}). */
        public static Objective parse(String text, java.util.function.ToLongFunction<String> latencyNanosParser) {
            Matcher m = OBJECTIVE.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("--slo '" + text + "': expected pNN=LATENCY, e.g. p99=10ms or p99.9=50ms");
            }
            long targetNanos;
            try {
                targetNanos = latencyNanosParser.applyAsLong(m.group(2));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--slo '" + text + "': " + e.getMessage());
            }
            return new Objective(Double.parseDouble(m.group(1)), targetNanos);
        }

        /** {@code p99}, {@code p99.9}. */
        public String label() {
            return "p" + (percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile));
        }
    }

    /** Hears each step as soon as it ends. */
    public interface StepListener {
        void step(int number, RateSearchResult.Step step);
    }

    private final LoadOptions base;
    private final Objective objective;
    private final StepListener listener;
    private final RunListener runListener;
    private volatile boolean stopped;
    private volatile LoadRun current;

    /** {@code base} must be an open-loop run; its rate, when set, is where the search starts. */
    public RateSearch(LoadOptions base, Objective objective, StepListener listener, RunListener runListener) {
        if (!base.openLoop()) {
            throw new IllegalArgumentException("--max-rate searches over open-loop rates: give a duration per step (-d)");
        }
        this.base = base;
        this.objective = objective;
        this.listener = listener;
        this.runListener = runListener;
    }

    /** Stops the step running now and the search; {@link #run} returns what it found so far. */
    public void stop() {
        stopped = true;
        LoadRun r = current;
        if (r != null) {
            r.stop();
        }
    }

    public RateSearchResult run() throws IOException, InterruptedException {
        List<RateSearchResult.Step> steps = new ArrayList<>();
        double good = 0;
        double bad = Double.POSITIVE_INFINITY;
        double rate = base.ratePerSecond();
        RateSearchResult.ClientBound clientBound = null;
        while (!stopped && steps.size() < MAX_STEPS) {
            RateSearchResult.Step s = step(rate);
            steps.add(s);
            listener.step(steps.size(), s);
            clientBound = clientBound(s, objective);
            if (clientBound != null) {
                break;
            }
            if (s.met()) {
                good = Math.max(good, rate);
            } else {
                bad = Math.min(bad, rate);
            }
            double next;
            if (bad == Double.POSITIVE_INFINITY) {
                next = rate * 2;                        // still climbing
            } else if (good == 0) {
                next = rate / 2;                        // even the start failed: come down
                if (next < MIN_RATE) {
                    break;
                }
            } else {
                if ((bad - good) / good <= PRECISION) {
                    break;
                }
                next = (good + bad) / 2;
            }
            rate = Math.rint(next);
        }
        return new RateSearchResult(objective.percentile(), objective.targetNanos(), good, steps, clientBound);
    }

    /**
     * Whether the client, not the server, failed step {@code s}: no errors, and either the server's
     * answers (uncorrected) within the target while the requests left late (send-lag p99 a sizeable
     * share of the corrected percentile), or a send-lag p99 beyond the target on its own. Null when the step met the objective or the server failed it.
     */
    static RateSearchResult.ClientBound clientBound(RateSearchResult.Step s, Objective objective) {
        LoadResult r = s.result();
        if (s.met() || r.sendLag() == null || r.latency().count() == 0 || r.errors().total() > 0) {
            return null;
        }
        long uncorrected = r.uncorrectedLatency().decodeHistogram().getValueAtPercentile(objective.percentile());
        long lag = r.sendLag().p99Nanos();
        Double lateness = r.clientLateness(s.percentileNanos());
        boolean serverWithin = uncorrected <= objective.targetNanos();
        boolean late = lateness != null && lateness >= LoadResult.CLIENT_LATENESS_SHARE;
        // A send lag beyond the target fails the objective against any server, however fast: on a shared
        // machine the server and the client stall together, and the step says nothing about the server.
        if ((serverWithin && late) || (r.sendLag().count() > 0 && lag >= objective.targetNanos())) {
            return new RateSearchResult.ClientBound(s.rate(), lag, uncorrected);
        }
        return null;                                  // the server's failure, e.g. every connection busy
    }

    private RateSearchResult.Step step(double rate) throws IOException, InterruptedException {
        LoadRun run = new LoadRun(base.withRate(rate)).withListener(runListener);
        current = run;
        if (stopped) {
            run.stop();
        }
        LoadResult r = run.execute();
        current = null;
        long p = r.latency().count() == 0 ? 0 : r.latency().decodeHistogram().getValueAtPercentile(objective.percentile());
        String why;
        if (r.latency().count() == 0) {
            why = "no responses";
        } else if (!r.rateHeld()) {
            why = String.format(Locale.ROOT, "rate not held: sent %,d of %,d scheduled", r.sent(), r.scheduled());
        } else if (r.errors().total() > 0) {
            why = String.format(Locale.ROOT, "%,d errors", r.errors().total());
        } else if (p > objective.targetNanos()) {
            why = String.format(Locale.ROOT, "%s %.3f ms > %.3f ms", objective.label(), p / 1e6, objective.targetNanos() / 1e6);
        } else {
            why = "";
        }
        RateSearchResult.Step s = new RateSearchResult.Step(rate, why.isEmpty(), p, why, r);
        RateSearchResult.ClientBound bound = clientBound(s, objective);
        if (bound != null) {
            s = new RateSearchResult.Step(rate, false, p, String.format(Locale.ROOT,
                    "client-bound at %s req/s: send lag p99 %.3f ms (server's uncorrected %s %.3f ms; %s)",
                    rateText(rate), bound.sendLagP99Nanos() / 1e6, objective.label(), bound.uncorrectedNanos() / 1e6, why), r);
        }
        return s;
    }

    private static String rateText(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%,d", (long) rate) : String.format(Locale.ROOT, "%,.1f", rate);
    }
}
