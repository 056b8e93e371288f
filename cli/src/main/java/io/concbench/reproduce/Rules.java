package io.concbench.reproduce;

import io.concbench.report.Units;

import java.util.List;
import java.util.Locale;

/**
 * The verdict rules, one method per kind of claim. {@link #describe()} prints them in the document
 * from the same constants, so what the reader is told is what the code does.
 */
final class Rules {

    /** Measured ratios within this factor of 1 (±10 %) are no difference: run-to-run noise is about that on a busy 2-core machine. */
    static final double NOISE_FACTOR = 1.10;
    /**
     * A comparative claim holds in magnitude when the measured effect (ratio − 1) is within this
     * factor of the claimed effect. Effects, not ratios: a claimed 1.85× (+85 %) against a measured
     * 1.12× (+12 %) is a sevenfold weaker effect although the ratios are within a factor of two.
     */
    static final double MAGNITUDE_FACTOR = 2.0;
    /** An absolute figure from another machine holds when the measurement is within half a decade of it (×/÷ √10 ≈ 3.16). */
    static final double ORDER_OF_MAGNITUDE = Math.sqrt(10);

    private Rules() {}

    /** The rules in words, for the document. */
    static List<String> describe() {
        return List.of(
                "**Intervals, not points.** Every figure carries an interval: JMH's 99.9 % confidence interval (score ± error), "
                        + "or the minimum–maximum over a compare experiment's repeats; a figure measured once is a point. A ratio's "
                        + "interval is the widest its two figures allow (low ÷ high to high ÷ low). The point (JMH's score, the "
                        + "median of repeats) decides only when the whole interval lies on one side of a rule's boundary; an "
                        + "interval that covers both \"no difference\" (or the opposite direction) and the claimed effect is "
                        + "**inconclusive**: the machine's noise, not the claim, decides such a verdict.",
                "**Comparative claims with numbers** (\"31,500 vs 8,200 QPS\") are judged on the measured ratio against the "
                        + "claimed ratio, both taken the same way round (a claimed 0.5× is 2× the other way). The claimed effect "
                        + "(ratio − 1: 3.84× is +284 %) is matched when the measured effect is within a factor of "
                        + sig(MAGNITUDE_FACTOR) + " of it. Whole interval beyond ±" + percent(NOISE_FACTOR - 1) + " in the "
                        + "claimed direction and reaching the claimed effect = **holds**; beyond noise but the claimed effect "
                        + "outside the interval = **holds in direction, not in magnitude**; reaching both ±"
                        + percent(NOISE_FACTOR - 1) + " (or the opposite) and the claimed effect = **inconclusive**; neither "
                        + "direction nor effect reached = **does not hold**.",
                "**Comparative claims in words** (\"high\" vs \"very low\") have no magnitude: whole interval beyond ±"
                        + percent(NOISE_FACTOR - 1) + " in the claimed direction = **holds**; the interval reaching both = "
                        + "**inconclusive**; within ±" + percent(NOISE_FACTOR - 1) + " or opposite = **does not hold**.",
                "**Absolute figures** (\"~2 µs\", \"890 MB\") come from another machine, OS and language, so they are "
                        + "judged on order of magnitude: the interval within a factor of √10 ≈ " + sig(ORDER_OF_MAGNITUDE)
                        + " of the claim either way = **holds**, wholly outside = **does not hold**, across the boundary = "
                        + "**inconclusive**.",
                "**Figures in words** (\"tens of MB\", \"hundreds of thousands\") are read as a decade range "
                        + "(tens of MB = 10–100 MB): inside = **holds**, outside = **does not hold**.",
                "**Bounds** (\"saving > 90 %\"): bound met = **holds**; a saving beyond noise that misses the bound = "
                        + "**holds in direction, not in magnitude**; none = **does not hold**.",
                "**Demonstrations** (T7): the problem the claim names shows without the remedy and not with it = **holds**; "
                        + "only a milder problem shows (e.g. longer waits but no thread starved), or the remedy does not cure "
                        + "it = **does not hold**.",
                "**true by construction**: an observation true of any design of the kind the claim names (several processes "
                        + "write several logs) — the harness shows it, but measuring it proves nothing, so it is not counted "
                        + "among the claims that hold.",
                "**Rests on** (a column of every claims table and `basis` in claims.json): *direct* when the figure measures "
                        + "what the claim names; *analogue* when a Java stand-in measures it (named: a virtual thread for a "
                        + "goroutine, an executor for a kernel scheduling class, a switch count for a switch cost). A verdict on "
                        + "an analogue says how the analogue behaves, not the original.",
                "**not a measurable claim**: advice or a property of code, nothing to time. **not measurable on this "
                        + "machine**: it needs hardware or an OS feature this machine lacks (the reason is given). **no "
                        + "experiment yet**: the project's tools could measure it, but no experiment does. **not measured: "
                        + "reason**: the experiment behind it failed or left no figure; the rest of the run is unaffected.");
    }

    /** A claimed ratio against a ratio measured once (no interval). */
    static Judgement ratio(double claimed, double measured) {
        return ratio(claimed, point(measured));
    }

    /**
     * A claimed ratio against the measured one and its interval, numerator and denominator the same
     * way round (e.g. multi-process QPS ÷ single-process QPS: claimed 3.84). The point decides when
     * the interval lies in one region; an interval that reaches both the claimed effect and "no
     * difference or the opposite" is inconclusive.
     */
    static Judgement ratio(double claimed, Measured measured) {
        requireMeasured(measured.value());
        if (!(claimed > 0)) {
            throw new IllegalArgumentException("claimed ratio must be positive, got " + claimed);
        }
        // Orient so that the claim says "greater than one"; a claim of 0.5 is a claim of 2 the other way round.
        boolean up = claimed >= 1;
        double c = up ? claimed : 1 / claimed;
        double m = up ? measured.value() : 1 / measured.value();
        double lo = up ? measured.low() : 1 / measured.high();
        double hi = up ? measured.high() : 1 / measured.low();
        if (c < NOISE_FACTOR) {
            throw new IllegalArgumentException("a claimed ratio of " + claimed + " is within noise of 1; judge it as a claim in words");
        }
        double holdLow = 1 + (c - 1) / MAGNITUDE_FACTOR;
        double holdHigh = 1 + (c - 1) * MAGNITUDE_FACTOR;
        String numbers = "measured ratio " + Measured.times(measured.value()) + intervalText(measured) + " vs claimed "
                + Measured.times(claimed) + " (effect " + effect(m) + " vs " + effect(c) + ")";
        boolean reachesClaim = hi >= holdLow && lo <= holdHigh;
        if (lo < NOISE_FACTOR && reachesClaim) {
            return new Judgement(Verdict.INCONCLUSIVE, numbers + ": the interval (effect " + effect(lo) + " to " + effect(hi)
                    + ") covers both " + (lo < 1 / NOISE_FACTOR ? "the opposite direction" : "no difference") + " and the claimed effect");
        }
        if (lo >= NOISE_FACTOR && reachesClaim) {
            boolean point = m >= holdLow && m <= holdHigh;
            return new Judgement(Verdict.HOLDS, numbers + ": same direction, " + (point ? "within ×" + sig(MAGNITUDE_FACTOR)
                    : "the claimed effect within the interval"));
        }
        if (lo >= NOISE_FACTOR) {
            double off = (m - 1) / (c - 1);
            return new Judgement(Verdict.DIRECTION_ONLY, numbers + ": same direction, an effect "
                    + (off > 1 ? Measured.times(off) + " stronger" : Measured.times(1 / off) + " weaker") + " than claimed"
                    + (measured.hasInterval() ? ", the claimed effect outside the interval" : ""));
        }
        if (hi < 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": the opposite direction");
        }
        if (m < 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": the opposite direction or none, the claimed effect outside the interval");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no difference beyond ±" + percent(NOISE_FACTOR - 1)
                + (measured.hasInterval() ? ", the claimed effect outside the interval" : ""));
    }

    /** A ratio's effect the way round the claim goes: 1.85 is "+85 %". */
    private static String effect(double orientedRatio) {
        return Double.isInfinite(orientedRatio) ? "+∞" : String.format(Locale.ROOT, "%+.0f %%", (orientedRatio - 1) * 100);
    }

    private static String intervalText(Measured m) {
        return m.hasInterval() ? " (interval " + Measured.times(m.low()) + "–" + Measured.times(m.high()) + ")" : "";
    }

    private static Measured point(double v) {
        return new Measured(v, Double.toString(v), "");
    }

    /** A claim in words that A exceeds B ("high" vs "low"), measured once. */
    static Judgement higher(double measured) {
        return higher(point(measured));
    }

    /** A claim in words that A exceeds B ("high" vs "low"); {@code measured} is A ÷ B with its interval. */
    static Judgement higher(Measured measured) {
        double v = measured.value();
        requireMeasured(v);
        String numbers = "measured ratio " + Measured.times(v) + intervalText(measured);
        if (measured.low() >= NOISE_FACTOR) {
            return new Judgement(Verdict.HOLDS, numbers + ": the claimed direction");
        }
        if (measured.high() >= NOISE_FACTOR) {
            return new Judgement(Verdict.INCONCLUSIVE, numbers + ": the interval covers both the claimed direction and "
                    + (measured.low() <= 1 / NOISE_FACTOR ? "the opposite" : "no difference beyond ±" + percent(NOISE_FACTOR - 1)));
        }
        if (v <= 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": the opposite direction");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no difference beyond ±" + percent(NOISE_FACTOR - 1));
    }

    /** An absolute figure from the chapter's machine against ours measured once, in the same unit. */
    static Judgement absolute(double claimed, double measured) {
        return absolute(claimed, point(measured));
    }

    /** An absolute figure from the chapter's machine against ours and its interval, in the same unit. */
    static Judgement absolute(double claimed, Measured measured) {
        requireMeasured(measured.value());
        double q = measured.value() / claimed;
        double lo = measured.low() / claimed;
        double hi = measured.high() / claimed;
        String numbers = "measured is " + Measured.times(q) + " the claim"
                + (measured.hasInterval() ? " (interval " + Measured.times(lo) + "–" + Measured.times(hi) + ")" : "");
        boolean loIn = lo >= 1 / ORDER_OF_MAGNITUDE && lo <= ORDER_OF_MAGNITUDE;
        boolean hiIn = hi >= 1 / ORDER_OF_MAGNITUDE && hi <= ORDER_OF_MAGNITUDE;
        if (loIn && hiIn) {
            return new Judgement(Verdict.HOLDS, numbers + ": same order of magnitude");
        }
        if (loIn || hiIn || (lo < 1 / ORDER_OF_MAGNITUDE && hi > ORDER_OF_MAGNITUDE)) {
            return new Judgement(Verdict.INCONCLUSIVE, numbers + ": the interval reaches both inside and outside ×"
                    + sig(ORDER_OF_MAGNITUDE) + " of the claim");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": " + (q > 1 ? "above" : "below")
                + " it by more than ×" + sig(ORDER_OF_MAGNITUDE));
    }

    /**
     * A claimed cut ("pooling cuts allocations by 78 %": 0.78) against the measured one, 0..1, with its
     * interval: the effect is the cut itself, matched within a factor of {@link #MAGNITUDE_FACTOR}.
     */
    static Judgement cut(double claimed, Measured measured) {
        requireFinite(measured.value());
        double noise = 1 - 1 / NOISE_FACTOR;
        double holdLow = claimed / MAGNITUDE_FACTOR;
        double holdHigh = Math.min(1, claimed * MAGNITUDE_FACTOR);
        String numbers = "measured cut " + percent(measured.value()) + (measured.hasInterval()
                ? " (interval " + percent(measured.low()) + " to " + percent(measured.high()) + ")" : "") + " vs claimed " + percent(claimed);
        boolean reaches = measured.high() >= holdLow && measured.low() <= holdHigh;
        if (measured.low() < noise && reaches) {
            return new Judgement(Verdict.INCONCLUSIVE, numbers + ": the interval covers both no cut beyond noise and the claimed one");
        }
        if (measured.low() >= noise && reaches) {
            return new Judgement(Verdict.HOLDS, numbers + ": within ×" + sig(MAGNITUDE_FACTOR) + " of the claimed cut");
        }
        if (measured.low() >= noise) {
            return new Judgement(Verdict.DIRECTION_ONLY, numbers + ": a cut, " + (measured.low() > holdHigh ? "larger" : "smaller")
                    + " than claimed");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no cut beyond noise");
    }

    /** A figure claimed in words as the range [low, high), e.g. "tens of MB". */
    static Judgement within(double low, double high, Measured m, String range) {
        boolean loIn = m.low() >= low && m.low() < high;
        boolean hiIn = m.high() >= low && m.high() < high;
        if (m.hasInterval() && loIn != hiIn) {
            return new Judgement(Verdict.INCONCLUSIVE, "the interval " + sig(m.low()) + "–" + sig(m.high()) + " (min–max) reaches both "
                    + "inside and outside " + range);
        }
        return within(low, high, m.value(), range);
    }

    /** A figure claimed in words as the range [low, high), measured once. */
    static Judgement within(double low, double high, double measured, String range) {
        requireMeasured(measured);
        if (measured >= low && measured < high) {
            return new Judgement(Verdict.HOLDS, "inside " + range);
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, (measured < low ? "below " : "above ") + range);
    }

    /** A saving claimed as at least {@code bound} (0.9 for "> 90 %"); {@code measured} is the measured saving, 0..1. */
    static Judgement atLeast(double bound, double measured) {
        requireFinite(measured);
        String numbers = "measured saving " + percent(measured) + " vs claimed > " + percent(bound);
        if (measured >= bound) {
            return new Judgement(Verdict.HOLDS, numbers);
        }
        if (measured >= 1 - 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DIRECTION_ONLY, numbers + ": a saving, smaller than claimed");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no saving beyond noise");
    }

    /** How far a demonstration's problem showed. */
    enum Shown { FULLY, PARTLY, NOT }

    /** A demonstration: the problem without the remedy, and the remedy's effect. */
    static Judgement demonstration(Shown problem, boolean remedyCures, String what) {
        if (problem == Shown.NOT) {
            return new Judgement(Verdict.DOES_NOT_HOLD, "the problem did not show: " + what);
        }
        if (!remedyCures) {
            return new Judgement(Verdict.DOES_NOT_HOLD, "the remedy did not cure it: " + what);
        }
        return problem == Shown.FULLY
                ? new Judgement(Verdict.HOLDS, what)
                : new Judgement(Verdict.DOES_NOT_HOLD, "the problem the claim names did not show, only a milder one: " + what);
    }

    /** An observation of the harness against the claimed difficulty or advantage. */
    static Judgement observed(boolean matches, String what) {
        return new Judgement(matches ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, what);
    }

    /** Needs hardware or an OS feature this machine lacks. */
    static Judgement notMeasurable(String why) {
        return new Judgement(Verdict.NOT_MEASURABLE, why);
    }

    /** True of any design of the kind the claim names, so a measurement proves nothing. */
    static Judgement byConstruction(boolean observed, String what) {
        return new Judgement(observed ? Verdict.BY_CONSTRUCTION : Verdict.DOES_NOT_HOLD, what);
    }

    /** Ratios and absolute figures are positive; zero or less means the figure is not there. */
    private static void requireMeasured(double measured) {
        requireFinite(measured);
        if (measured <= 0) {
            throw new NotMeasured("the measured figure is " + measured + ", which no rule can judge");
        }
    }

    private static void requireFinite(double measured) {
        if (Double.isNaN(measured) || Double.isInfinite(measured)) {
            throw new NotMeasured("the measured figure is " + measured + ", which no rule can judge");
        }
    }

    private static String sig(double v) {
        return Units.sig3(v);
    }

    private static String percent(double fraction) {
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "+∞ %" : "−∞ %";
        }
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
