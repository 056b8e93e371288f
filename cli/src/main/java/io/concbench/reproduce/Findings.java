package io.concbench.reproduce;

import io.concbench.report.Units;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The findings paragraph at the top of chapter-tables.md: what held and what did not, the
 * chapter's contradictions with itself, what rests on analogues, and how noisy the machine was.
 * Every number comes from the judged tables, the chapter's resource or the run's files. Pure.
 */
final class Findings {

    private static final double NANOS_PER_MILLI = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private Findings() {}

    /** Claims per verdict over {@code tables}. */
    static Map<Verdict, Integer> counts(List<TableResult> tables) {
        Map<Verdict, Integer> c = new EnumMap<>(Verdict.class);
        for (TableResult t : tables) {
            t.claims().forEach(cl -> c.merge(cl.verdict(), 1, Integer::sum));
        }
        return c;
    }

    /** "27 hold, 3 hold in direction, not in magnitude, 1 holds, …": every verdict with at least one claim, in the enum's order. */
    static String countsInWords(Map<Verdict, Integer> c) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            int n = c.getOrDefault(v, 0);
            if (n > 0) {
                parts.add(n + " " + (n == 1 ? v.label() : plural(v)));
            }
        }
        return String.join(", ", parts);
    }

    /** How a count of claims reads with the verdict: "3 do not hold". */
    private static String plural(Verdict v) {
        return switch (v) {
            case HOLDS -> "hold";
            case DIRECTION_ONLY -> "hold in direction, not in magnitude";
            case DOES_NOT_HOLD -> "do not hold";
            case NOT_A_CLAIM -> "are not measurable claims";
            case NO_EXPERIMENT -> "have no experiment yet";
            case NOT_MEASURABLE -> "are not measurable on this machine";
            case NOT_MEASURED -> "were not measured";
            case INCONCLUSIVE, BY_CONSTRUCTION -> v.label();
        };
    }

    static String render(Manifest m, List<TableResult> tables, Evidence.Noise noise) {
        Map<Verdict, Integer> c = counts(tables);
        int total = tables.stream().mapToInt(t -> t.claims().size()).sum();
        StringBuilder b = new StringBuilder("## Findings\n\n");
        b.append("Of ").append(total).append(" claims: ").append(countsInWords(c)).append(". ");
        b.append("Held: ").append(ids(tables, Verdict.HOLDS)).append(". ");
        b.append("Did not hold: ").append(ids(tables, Verdict.DOES_NOT_HOLD)).append(". ");
        if (c.getOrDefault(Verdict.INCONCLUSIVE, 0) > 0) {
            b.append("Inconclusive (the interval, or the sampling, cannot tell; each row says why): ")
                    .append(ids(tables, Verdict.INCONCLUSIVE)).append(". ");
        }
        if (c.getOrDefault(Verdict.DIRECTION_ONLY, 0) > 0) {
            b.append("In direction only: ").append(ids(tables, Verdict.DIRECTION_ONLY)).append(". ");
        }
        b.append("\n\n");

        double singleQps = ChapterText.claim("T6", "singleProcessQps");
        double clients = ChapterText.claim("T6", "clients");
        double singleMean = ChapterText.claim("T6", "singleProcessMeanMillis");
        double multiQps = ChapterText.claim("T6", "multiProcessQps");
        double multiMean = ChapterText.claim("T6", "multiProcessMeanMillis");
        b.append("**The chapter contradicts itself** in three places, whatever any machine measures: T1 says one process "
                + "\"steadily supports tens of thousands of QPS\", T6 measures its single process at ")
                .append(ChapterText.number(singleQps)).append(" QPS; T2 says a goroutine starts at ")
                .append(ChapterText.number(ChapterText.claim("T2", "goroutineStartKB"))).append(" KB, T11 at ")
                .append(ChapterText.number(ChapterText.claim("T11", "goroutineStackKB"))).append(" KB; and T6's latencies do not "
                        + "fit its own throughput by Little's law (closed loop, ").append(ChapterText.number(clients))
                .append(" clients: mean latency ≈ clients ÷ QPS = ").append(Units.nanos(clients / singleQps * NANOS_PER_SECOND))
                .append(" and ").append(Units.nanos(clients / multiQps * NANOS_PER_SECOND)).append(", not the printed ")
                .append(Units.nanos(singleMean * NANOS_PER_MILLI)).append(" and ").append(Units.nanos(multiMean * NANOS_PER_MILLI))
                .append(").\n\n");

        long judged = tables.stream().flatMap(t -> t.claims().stream()).filter(Findings::judged).count();
        long analogue = tables.stream().flatMap(t -> t.claims().stream())
                .filter(cl -> judged(cl) && cl.basis().startsWith(ClaimResult.ANALOGUE)).count();
        b.append("**Analogues.** ").append(analogue).append(" of the ").append(judged).append(" judged verdicts rest on a Java "
                + "stand-in, named in each row's \"rests on\" column: they say how the stand-in behaves, not Go or Linux. The "
                + "weakest: T5 judges Linux's CFS, SCHED_FIFO and SCHED_DEADLINE through Java executors, and a switch *cost* "
                + "claim on a switch *count*; T12's whole-request claims rest on a Java server behind serve's middleware chain "
                + "over loopback, its composition claims on the chain timed alone; T11's pooling claims on a microbenchmark, not "
                + "a server at 10,000 connections.");
        if (c.getOrDefault(Verdict.BY_CONSTRUCTION, 0) > 0) {
            b.append(" ").append(c.get(Verdict.BY_CONSTRUCTION)).append(" observations are true by construction (")
                    .append(ids(tables, Verdict.BY_CONSTRUCTION)).append(") and are not counted among those that hold.");
        }
        b.append("\n\n");

        b.append("**Noise.** Load average ").append(m.loadAverageAtStart()).append(" at the start, ")
                .append(m.loadAverageAtEnd().isEmpty() ? "– (unfinished)" : m.loadAverageAtEnd()).append(" at the end, on ")
                .append(m.host().cores()).append(" cores. ");
        if (noise.runs() == 0) {
            b.append("No compare run in this run recorded the machine's outside CPU.");
        } else if (noise.recorded() == 0) {
            b.append("Its ").append(noise.runs()).append(" compare runs were written before compare recorded the machine's outside "
                    + "CPU, so how disturbed each was is not known; the spread of repeats (the intervals) is the only measure of noise.");
        } else {
            b.append(noise.disturbed()).append(" of ").append(noise.recorded()).append(" compare runs with the outside CPU recorded "
                    + "were disturbed (highest outside CPU ").append(Units.sig3(noise.maxOutsidePercentOfOneCore()))
                    .append(" % of a core)").append(noise.recorded() < noise.runs()
                            ? "; " + (noise.runs() - noise.recorded()) + " did not record it" : "").append(".");
        }
        b.append("\n\n");
        return b.toString();
    }

    /** A verdict on a measured figure, not a label for a claim nothing measures. */
    static boolean judged(ClaimResult c) {
        return switch (c.verdict()) {
            case HOLDS, DIRECTION_ONLY, INCONCLUSIVE, DOES_NOT_HOLD -> true;
            default -> false;
        };
    }

    /** "T1 #2, T1 #3, T5 #1", or "none". */
    private static String ids(List<TableResult> tables, Verdict v) {
        List<String> out = new ArrayList<>();
        for (TableResult t : tables) {
            for (ClaimResult c : t.claims()) {
                if (c.verdict() == v) {
                    out.add(t.id() + " #" + c.number());
                }
            }
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }
}
