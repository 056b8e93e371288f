package io.concbench.report;

import io.concbench.harness.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two sets of runs compared cell by cell (model × workload × connections × rate): each figure's
 * median before and after, the change in %, and whether the change is within noise. A change is
 * real only when the two min–max ranges over the repeats lie apart and no run of the cell was
 * flagged disturbed; otherwise it is "within noise". {@link Gate}s turn a diff into a CI check.
 * Stateless once built.
 */
public final class RunDiff {

    /** A figure the diff compares, with how to print it and which way is better. */
    public enum Figure {
        REQ_PER_S("req/s", "req/s", Metric.REQUESTS_PER_SECOND, true, Units::rate),
        P50("p50", "p50", Metric.P50_NANOS, false, Units::nanos),
        P99("p99", "p99", Metric.P99_NANOS, false, Units::nanos),
        P999("p99.9", "p99.9", Metric.P999_NANOS, false, Units::nanos),
        CPU("cpu", "server CPU-s / 1k req (cpu)", Metric.SERVER_CPU_SECONDS_PER_1K, false, Units::sig3),
        HEAP("heap", "heap / conn", Metric.HEAP_BYTES_PER_CONNECTION, false, Units::bytes),
        RSS("rss", "RSS / conn", Metric.RSS_BYTES_PER_CONNECTION, false, Units::bytes),
        NMT("nmt", "NMT committed / conn (nmt)", Metric.NMT_COMMITTED_BYTES_PER_CONNECTION, false, Units::bytes),
        STACKS("stacks", "NMT thread stacks / conn (stacks)", Metric.NMT_THREAD_STACK_BYTES_PER_CONNECTION, false, Units::bytes);

        final String name;
        final String header;
        final Metric metric;
        final boolean higherIsBetter;
        private final DoubleFunction<String> format;

        Figure(String name, String header, Metric metric, boolean higherIsBetter, DoubleFunction<String> format) {
            this.name = name;
            this.header = header;
            this.metric = metric;
            this.higherIsBetter = higherIsBetter;
            this.format = format;
        }

        static Figure named(String s) {
            for (Figure f : values()) {
                if (f.name.equalsIgnoreCase(s)) {
                    return f;
                }
            }
            return null;
        }

        static String names() {
            List<String> n = new ArrayList<>();
            for (Figure f : values()) {
                n.add(f.name);
            }
            return String.join(", ", n);
        }
    }

    private static final List<Figure> LOAD = List.of(Figure.REQ_PER_S, Figure.P50, Figure.P99, Figure.P999, Figure.CPU);
    private static final List<Figure> MEMORY = List.of(Figure.HEAP, Figure.RSS, Figure.NMT, Figure.STACKS);
    private static final double PERCENT = 100;

    /** One cell: a model under one load (or memory step). */
    public record Cell(String model, String workload, String target, int connections, double rate) {
        @Override
        public String toString() {
            return model + " " + workload + ", " + Units.grouped(connections) + " connections"
                    + (rate > 0 ? ", " + Units.rate(rate) + " req/s" : "");
        }
    }

    /** One figure of one cell on both sides. */
    public record Change(Cell cell, Figure figure, Stat before, Stat after, boolean disturbed, double band) {

        /** The change of the medians in %; NaN when either side lacks the figure or the old one is 0. */
        public double percent() {
            if (before.isEmpty() || after.isEmpty() || before.median() == 0) {
                return Double.NaN;
            }
            return PERCENT * (after.median() - before.median()) / Math.abs(before.median());
        }

        /**
         * Within noise: the ranges over the repeats overlap, a run of the cell was disturbed, or (memory)
         * the change is no larger than the band the figure moves by itself.
         */
        public boolean withinNoise() {
            return disturbed || !apart() || Math.abs(after.median() - before.median()) <= band;
        }

        private boolean apart() {
            return after.min() > before.max() || after.max() < before.min();
        }

        String describe() {
            double p = percent();
            if (Double.isNaN(p)) {
                return before.isEmpty() && after.isEmpty() ? Units.NONE
                        : figure.format.apply(before.median()) + " → " + figure.format.apply(after.median());
            }
            String verdict = disturbed ? ", within noise (disturbed run)" : withinNoise() ? ", within noise"
                    : (p > 0) == figure.higherIsBetter ? ", better" : ", worse";
            String single = !withinNoise() && (before.n() < 2 || after.n() < 2) ? ", 1 repeat" : "";
            return figure.format.apply(before.median()) + " → " + figure.format.apply(after.median())
                    + " (" + String.format(Locale.ROOT, "%+.1f %%", p) + verdict + single + ")";
        }
    }

    /**
     * One condition of {@code --fail-if}: a figure, a direction and a threshold in %, e.g.
     * {@code p99>+10%} (p99 rose by more than 10 %) or {@code req/s<-5%} (req/s fell by more than 5 %).
     */
    public record Gate(Figure figure, boolean above, double percent, String text) {

        private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z0-9/.]+)\\s*([<>])\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*%\\s*");

        /**
         * Parses {@code p99>+10%,req/s<-5%}.
         *
         * @throws IllegalArgumentException naming the condition that does not parse
         */
        public static List<Gate> parse(String spec) {
            List<Gate> gates = new ArrayList<>();
            for (String part : spec.split(",", -1)) {
                Matcher m = SYNTAX.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException("--fail-if: '" + part.trim() + "' is not FIGURE>+N% or FIGURE<-N% "
                            + "(e.g. 'p99>+10%,req/s<-5%'); figures: " + Figure.names());
                }
                Figure f = Figure.named(m.group(1));
                if (f == null) {
                    throw new IllegalArgumentException("--fail-if: unknown figure '" + m.group(1) + "' in '" + part.trim()
                            + "'; figures: " + Figure.names());
                }
                gates.add(new Gate(f, m.group(2).equals(">"), Double.parseDouble(m.group(3)), part.trim()));
            }
            return gates;
        }

        boolean failedBy(Change c) {
            return beyond(c) && !c.withinNoise();
        }

        /** Whether the change goes past this gate, noise aside. */
        boolean beyond(Change c) {
            double p = c.percent();
            return c.figure() == figure && !Double.isNaN(p) && (above ? p > percent : p < percent);
        }
    }

    /** A cell whose change trips a gate. */
    public record Offence(Gate gate, Change change) {
        @Override
        public String toString() {
            return change.cell() + ": " + change.figure().name + " " + String.format(Locale.ROOT, "%+.1f %%", change.percent())
                    + " (" + change.figure().format.apply(change.before().median()) + " → "
                    + change.figure().format.apply(change.after().median()) + "), beyond " + gate.text();
        }
    }

    private final Map<Cell, List<Change>> both = new LinkedHashMap<>();
    private final List<Cell> onlyBefore = new ArrayList<>();
    private final List<Cell> onlyAfter = new ArrayList<>();
    private final int runsBefore;
    private final int runsAfter;

    private RunDiff(List<RunResult> before, List<RunResult> after) {
        runsBefore = before.size();
        runsAfter = after.size();
        Map<Cell, ModelRuns> b = cells(Matrix.of(before));
        Map<Cell, ModelRuns> a = cells(Matrix.of(after));
        Set<Cell> all = new LinkedHashSet<>(b.keySet());
        all.addAll(a.keySet());
        for (Cell c : all) {
            ModelRuns rb = b.get(c);
            ModelRuns ra = a.get(c);
            if (rb == null || rb.ok.isEmpty()) {
                if (ra != null && !ra.ok.isEmpty()) {
                    onlyAfter.add(c);
                }
                continue;
            }
            if (ra == null || ra.ok.isEmpty()) {
                onlyBefore.add(c);
                continue;
            }
            boolean disturbed = !rb.disturbed().isEmpty() || !ra.disturbed().isEmpty();
            List<Change> changes = new ArrayList<>();
            for (Figure f : Matrix.MEMORY.equals(c.workload()) ? MEMORY : LOAD) {
                Metric noise = f.metric.noiseBand();
                double band = noise == null ? Double.NaN : Math.max(orZero(rb.stat(noise).max()), orZero(ra.stat(noise).max()));
                changes.add(new Change(c, f, rb.stat(f.metric), ra.stat(f.metric), disturbed, band));
            }
            both.put(c, changes);
        }
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    public static RunDiff of(List<RunResult> before, List<RunResult> after) {
        return new RunDiff(before, after);
    }

    private static Map<Cell, ModelRuns> cells(Matrix m) {
        Map<Cell, ModelRuns> cells = new LinkedHashMap<>();
        m.load.forEach((k, models) -> models.forEach((model, runs) ->
                cells.put(new Cell(model, k.workload(), k.target(), k.connections(), k.rate()), runs)));
        m.memory.forEach((conns, models) -> models.forEach((model, runs) ->
                cells.put(new Cell(model, Matrix.MEMORY, "", conns, 0), runs)));
        return cells;
    }

    /** Every change that trips a gate, in table order. */
    public List<Offence> check(List<Gate> gates) {
        List<Offence> out = new ArrayList<>();
        for (List<Change> changes : both.values()) {
            for (Change c : changes) {
                for (Gate g : gates) {
                    if (g.failedBy(c)) {
                        out.add(new Offence(g, c));
                    }
                }
            }
        }
        return out;
    }

    /** Cells in the old runs only, and in the new ones only. */
    public List<Cell> onlyBefore() {
        return List.copyOf(onlyBefore);
    }

    public List<Cell> onlyAfter() {
        return List.copyOf(onlyAfter);
    }

    /** The diff as Markdown, for a terminal or a pull-request comment. */
    public String markdown(String beforeName, String afterName, List<Gate> gates) {
        StringBuilder b = new StringBuilder("# concbench diff\n\n");
        b.append("- **old**: `").append(beforeName).append("` (").append(runsBefore).append(runsBefore == 1 ? " run)\n" : " runs)\n");
        b.append("- **new**: `").append(afterName).append("` (").append(runsAfter).append(runsAfter == 1 ? " run)\n\n" : " runs)\n\n");
        b.append("Medians over repeats, old → new, and the change. \"within noise\": the two min–max ranges over "
                + "the repeats overlap, or a run of the cell was flagged disturbed; \"1 repeat\": a side has one "
                + "run, so no range tells noise from a change (use `compare --repeats 3`).\n\n");
        table(b, "Load", LOAD, false);
        table(b, "Memory per connection", MEMORY, true);
        if (!onlyBefore.isEmpty() || !onlyAfter.isEmpty()) {
            b.append("## Cells on one side only\n\n");
            onlyBefore.forEach(c -> b.append("- only in old: ").append(c).append('\n'));
            onlyAfter.forEach(c -> b.append("- only in new: ").append(c).append('\n'));
            b.append('\n');
        }
        if (!gates.isEmpty()) {
            List<Offence> offences = check(gates);
            b.append("## Gate: `").append(String.join(",", gates.stream().map(Gate::text).toList())).append("`\n\n");
            long excused = both.values().stream().flatMap(List::stream).filter(Change::disturbed)
                    .filter(c -> gates.stream().anyMatch(g -> g.beyond(c))).count();
            if (offences.isEmpty()) {
                b.append("Passed: no cell changed beyond the gate outside noise.\n\n");
            } else {
                b.append("**Failed**: ").append(offences.size()).append(offences.size() == 1 ? " change" : " changes")
                        .append(" beyond the gate:\n\n");
                offences.forEach(o -> b.append("- ").append(o).append('\n'));
                b.append('\n');
            }
            if (excused > 0) {
                b.append("⚠ ").append(excused).append(excused == 1 ? " change goes" : " changes go")
                        .append(" beyond the gate in cells with a disturbed run (outside CPU above the threshold), so "
                                + "they count as noise: rerun on a quiet machine before trusting a pass.\n\n");
            }
        }
        return b.toString();
    }

    private void table(StringBuilder b, String title, List<Figure> figures, boolean memory) {
        List<Map.Entry<Cell, List<Change>>> rows = both.entrySet().stream()
                .filter(e -> Matrix.MEMORY.equals(e.getKey().workload()) == memory).toList();
        if (rows.isEmpty()) {
            return;
        }
        // Memory cells hold idle connections: they have no rate to show.
        List<String> cols = new ArrayList<>(memory ? List.of("workload", ">connections", "model")
                : List.of("workload", ">connections", ">rate", "model"));
        figures.forEach(f -> cols.add(f.header));
        MdTable t = new MdTable(cols.toArray(String[]::new));
        for (Map.Entry<Cell, List<Change>> e : rows) {
            Cell c = e.getKey();
            List<String> cells = new ArrayList<>(memory ? List.of(c.workload(), Units.grouped(c.connections()), c.model())
                    : List.of(c.workload(), Units.grouped(c.connections()), c.rate() > 0 ? Units.rate(c.rate()) : "closed", c.model()));
            e.getValue().forEach(ch -> cells.add(ch.describe()));
            t.row(cells);
        }
        b.append("## ").append(title).append("\n\n").append(t.render()).append('\n');
    }

    /** A comparison page: the Markdown as HTML, styled as report.html, fetching nothing. */
    public static String html(String markdown) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>concbench diff</title>\n<style>\n"
                + HtmlReport.resource("report.css") + "</style>\n</head>\n<body>\n<main>\n"
                + MdHtml.render(markdown, (alt, link) -> "")
                + "</main>\n</body>\n</html>\n";
    }
}
