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
                "**Comparative claims with numbers** (\"31,500 vs 8,200 QPS\") are judged on the measured ratio against the "
                        + "claimed ratio, both taken the same way round (a claimed 0.5× is 2× the other way): same direction and an "
                        + "effect (ratio − 1: 3.84× is +284 %) within a factor of " + sig(MAGNITUDE_FACTOR) + " of the claimed "
                        + "effect = **holds**; same direction otherwise = **holds in direction, not in magnitude**; opposite "
                        + "direction, or a measured ratio within ±" + percent(NOISE_FACTOR - 1) + " of 1 (no difference beyond "
                        + "noise) = **does not hold**. For large ratios this is the ratio within a factor of "
                        + sig(MAGNITUDE_FACTOR) + "; near 1 it keeps a +12 % from passing for a claimed +85 %.",
                "**Comparative claims in words** (\"high\" vs \"very low\") have no magnitude: same direction beyond ±"
                        + percent(NOISE_FACTOR - 1) + " = **holds**; within ±" + percent(NOISE_FACTOR - 1)
                        + " or opposite = **does not hold**.",
                "**Absolute figures** (\"~2 µs\", \"890 MB\") come from another machine, OS and language, so they are "
                        + "judged on order of magnitude: measured within a factor of √10 ≈ " + sig(ORDER_OF_MAGNITUDE)
                        + " of the claim either way = **holds**, else **does not hold**.",
                "**Figures in words** (\"tens of MB\", \"hundreds of thousands\") are read as a decade range "
                        + "(tens of MB = 10–100 MB): inside = **holds**, outside = **does not hold**.",
                "**Bounds** (\"saving > 90 %\"): bound met = **holds**; a saving beyond noise that misses the bound = "
                        + "**holds in direction, not in magnitude**; none = **does not hold**.",
                "**Demonstrations** (T7): the problem shows without the remedy and not with it = **holds**; it shows "
                        + "only in part (e.g. longer waits but no thread starved) = **holds in direction, not in magnitude**; "
                        + "the problem does not show, or the remedy does not cure it = **does not hold**.",
                "**Observations** (T13): what the harness observes matches the claimed difficulty or advantage = "
                        + "**holds**, else **does not hold**.",
                "**not measurable here**: no experiment on this machine can measure it (the reason is given). "
                        + "**not measured: reason**: the experiment behind it failed or left no figure; the rest of the run "
                        + "is unaffected.");
    }

    /**
     * A claimed ratio against the measured one, numerator and denominator the same way round
     * (e.g. multi-process QPS ÷ single-process QPS: claimed 3.84).
     */
    static Judgement ratio(double claimed, double measured) {
        requireMeasured(measured);
        if (!(claimed > 0)) {
            throw new IllegalArgumentException("claimed ratio must be positive, got " + claimed);
        }
        // Orient so that the claim says "greater than one"; a claim of 0.5 is a claim of 2 the other way round.
        double c = claimed >= 1 ? claimed : 1 / claimed;
        double m = claimed >= 1 ? measured : 1 / measured;
        if (c < NOISE_FACTOR) {
            throw new IllegalArgumentException("a claimed ratio of " + claimed + " is within noise of 1; judge it as a claim in words");
        }
        String numbers = "measured ratio " + Units.times(measured) + " vs claimed " + Units.times(claimed)
                + " (effect " + effect(m) + " vs " + effect(c) + ")";
        if (m < 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": the opposite direction");
        }
        if (m < NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no difference beyond ±" + percent(NOISE_FACTOR - 1));
        }
        double off = (m - 1) / (c - 1);
        if (off >= 1 / MAGNITUDE_FACTOR && off <= MAGNITUDE_FACTOR) {
            return new Judgement(Verdict.HOLDS, numbers + ": same direction, within ×" + sig(MAGNITUDE_FACTOR));
        }
        return new Judgement(Verdict.DIRECTION_ONLY, numbers + ": same direction, "
                + "an effect " + (off > 1 ? Units.times(off) + " stronger" : Units.times(1 / off) + " weaker") + " than claimed");
    }

    /** A ratio's effect the way round the claim goes: 1.85 is "+85 %". */
    private static String effect(double orientedRatio) {
        return String.format(Locale.ROOT, "%+.0f %%", (orientedRatio - 1) * 100);
    }

    /** A claim in words that A exceeds B ("high" vs "low"); {@code measured} is A ÷ B. */
    static Judgement higher(double measured) {
        requireMeasured(measured);
        String numbers = "measured ratio " + Units.times(measured);
        if (measured >= NOISE_FACTOR) {
            return new Judgement(Verdict.HOLDS, numbers + ": the claimed direction");
        }
        if (measured <= 1 / NOISE_FACTOR) {
            return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": the opposite direction");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": no difference beyond ±" + percent(NOISE_FACTOR - 1));
    }

    /** An absolute figure from the chapter's machine against ours, in the same unit. */
    static Judgement absolute(double claimed, double measured) {
        requireMeasured(measured);
        double q = measured / claimed;
        String numbers = "measured is " + Units.times(q) + " the claim";
        if (q >= 1 / ORDER_OF_MAGNITUDE && q <= ORDER_OF_MAGNITUDE) {
            return new Judgement(Verdict.HOLDS, numbers + ": same order of magnitude");
        }
        return new Judgement(Verdict.DOES_NOT_HOLD, numbers + ": " + (q > 1 ? "above" : "below")
                + " it by more than ×" + sig(ORDER_OF_MAGNITUDE));
    }

    /** A figure claimed in words as the range [low, high), e.g. "tens of MB". */
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
                : new Judgement(Verdict.DIRECTION_ONLY, "shown only in part: " + what);
    }

    /** An observation of the harness against the claimed difficulty or advantage. */
    static Judgement observed(boolean matches, String what) {
        return new Judgement(matches ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, what);
    }

    /** Nothing here can measure it. */
    static Judgement notMeasurable(String why) {
        return new Judgement(Verdict.NOT_MEASURABLE, why);
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
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
