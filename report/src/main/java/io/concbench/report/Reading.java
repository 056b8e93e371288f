package io.concbench.report;

import io.concbench.harness.result.RunResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Reading" paragraph under a load table: which gaps between models are inside the noise of the
 * repeats and which are not, and which runs something outside disturbed. Models are ranked best first
 * on each figure and each neighbour pair is judged by whether their min–max ranges over the repeats
 * overlap: overlapping ranges are "within noise" whatever their medians say.
 */
final class Reading {

    /** Repeats a gap needs before the reading will call it real or noise. */
    static final int REPEATS_TO_JUDGE = 2;
    /** What the reading suggests when a model has fewer: three is the smallest odd count with a median. */
    static final int SUGGESTED_REPEATS = 3;

    private Reading() {}

    /** The paragraph for one table, ending in a blank line; "" when there is nothing to read. */
    static String of(Map<String, ModelRuns> cell) {
        List<ModelRuns> ok = cell.values().stream().filter(c -> !c.ok.isEmpty()).toList();
        List<String> parts = new ArrayList<>();
        boolean tooFew = false;
        if (ok.size() >= 2) {
            String rps = ranked(ok, Metric.REQUESTS_PER_SECOND, true);
            String p99 = ranked(ok, Metric.P99_NANOS, false);
            if (!rps.isEmpty()) {
                parts.add("req/s, highest first: " + rps + ".");
            }
            if (!p99.isEmpty()) {
                parts.add("p99, lowest first: " + p99 + ".");
            }
            tooFew = ok.stream().anyMatch(c -> c.stat(Metric.REQUESTS_PER_SECOND).n() < REPEATS_TO_JUDGE);
            if (tooFew) {
                parts.add("One repeat cannot tell noise from a difference: `--repeats " + SUGGESTED_REPEATS
                        + "` shows which of these gaps are real.");
            }
        }
        String disturbed = disturbed(ok);
        if (!disturbed.isEmpty()) {
            parts.add(disturbed);
        }
        return parts.isEmpty() ? "" : "**Reading.** " + String.join(" ", parts) + "\n\n";
    }

    /** Neighbour pairs, best first: "a and b: within noise (ranges overlap); b vs c: 1.90× (ranges apart)". */
    static String ranked(List<ModelRuns> cells, Metric metric, boolean higherIsBetter) {
        record Ranked(String model, Stat stat) {}
        Comparator<Ranked> best = Comparator.comparingDouble(r -> r.stat().median());
        List<Ranked> order = cells.stream().map(c -> new Ranked(c.model, c.stat(metric)))
                .filter(r -> !r.stat().isEmpty() && r.stat().median() > 0)
                .sorted(higherIsBetter ? best.reversed() : best).toList();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < order.size(); i++) {
            Ranked a = order.get(i);
            Ranked b = order.get(i + 1);
            pairs.add(pair(a.model(), a.stat(), b.model(), b.stat(), higherIsBetter));
        }
        return String.join("; ", pairs);
    }

    /** One neighbour pair; {@code a} is the better of the two. */
    static String pair(String a, Stat sa, String b, Stat sb, boolean higherIsBetter) {
        boolean judged = sa.n() >= REPEATS_TO_JUDGE && sb.n() >= REPEATS_TO_JUDGE;
        boolean overlap = sa.min() <= sb.max() && sb.min() <= sa.max();
        if (judged && overlap) {
            return a + " and " + b + ": within noise (ranges overlap)";
        }
        double ratio = higherIsBetter ? sa.median() / sb.median() : sb.median() / sa.median();
        String gap = a + " vs " + b + ": " + Units.times(ratio) + (higherIsBetter ? "" : " lower");
        return judged ? gap + " (ranges apart)" : gap;
    }

    /** "Disturbed (outside CPU above 10 % of a core): virtual r2 (34.0 %)."; "" when none was. */
    static String disturbed(List<ModelRuns> cells) {
        List<String> named = new ArrayList<>();
        double threshold = Double.NaN;
        for (ModelRuns c : cells) {
            for (RunResult r : c.disturbed()) {
                RunResult.MachineLoad m = r.environment().machineLoad();
                threshold = m.disturbedAbovePercent();
                named.add(c.model + " r" + r.repeat() + " (" + Units.percentWithSign(m.outsideCpuPercentOfOneCore()) + ")");
            }
        }
        if (named.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "Disturbed (outside CPU above %s %% of a core, figures suspect): %s.",
                Units.count(threshold), String.join(", ", named));
    }
}
