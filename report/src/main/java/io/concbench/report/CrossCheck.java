package io.concbench.report;

import io.concbench.harness.result.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "Cross-check" section: each cell that {@code compare --crosscheck} also drove with wrk or h2load,
 * their req/s and p50 as ratios to the built-in client's medians in the same cell. Two clients that
 * disagree by more than {@link #TOLERANCE} are measuring themselves, not only the server.
 */
final class CrossCheck {

    /** A ratio further than this from 1 is flagged: the threshold for a disagreement. */
    static final double TOLERANCE = 0.10;
    private static final String WARN = "⚠";

    private CrossCheck() {}

    /** One row's worth: the cell, the model, and the cross-check runs of it by tool. */
    private record Row(Matrix.LoadKey key, String model, Map<String, ModelRuns> byTool) {}

    /** The section, ending in a blank line; "" without cross-check runs. */
    static String render(Matrix m) {
        if (m.crossChecks.isEmpty()) {
            return "";
        }
        Set<String> tools = new LinkedHashSet<>();
        Map<List<Object>, Row> rows = new LinkedHashMap<>();
        for (RunResult r : m.crossChecks) {
            String tool = r.environment().driver();
            tools.add(tool);
            Matrix.LoadKey key = Matrix.key(r);
            Row row = rows.computeIfAbsent(List.of(key, r.model()), x -> new Row(key, r.model(), new LinkedHashMap<>()));
            row.byTool().computeIfAbsent(tool, ModelRuns::new).add(r);
        }
        List<String> columns = new ArrayList<>(List.of("cell", "model", ">builtin req/s"));
        tools.forEach(t -> columns.add(">" + t + " req/s (ratio)"));
        columns.add(">builtin p50");
        columns.add(">p50 ratio (" + String.join(" / ", tools) + ")");
        columns.add("agreement");
        MdTable t = new MdTable(columns.toArray(String[]::new));
        int flagged = 0;
        for (Row row : rows.values()) {
            ModelRuns builtin = m.load.getOrDefault(row.key(), Map.of()).get(row.model());
            double builtinRps = builtin == null ? Double.NaN : builtin.stat(Metric.REQUESTS_PER_SECOND).median();
            double builtinP50 = builtin == null ? Double.NaN : positive(builtin.stat(Metric.P50_NANOS).median());
            List<String> cells = new ArrayList<>(List.of(cellName(row.key()), row.model(), Units.count(builtinRps)));
            List<String> p50Ratios = new ArrayList<>();
            boolean beyond = false;
            boolean anyRatio = false;
            for (String tool : tools) {
                ModelRuns runs = row.byTool().get(tool);
                if (runs == null || runs.ok.isEmpty()) {
                    cells.add(runs == null ? Units.NONE : "failed");
                    p50Ratios.add(Units.NONE);
                    continue;
                }
                double rps = runs.stat(Metric.REQUESTS_PER_SECOND).median();
                double rpsRatio = rps / builtinRps;
                // h2load reports no p50: a 0 or absent p50 is not a measurement, and its ratio is "–".
                double p50Ratio = positive(runs.stat(Metric.P50_NANOS).median()) / builtinP50;
                cells.add(Units.count(rps) + " (" + Units.times(rpsRatio) + ")");
                p50Ratios.add(Units.times(p50Ratio));
                for (double r : new double[] {rpsRatio, p50Ratio}) {
                    if (!Double.isNaN(r)) {
                        anyRatio = true;
                        beyond |= beyond(r);
                    }
                }
            }
            cells.add(Units.nanos(builtinP50));
            cells.add(String.join(" / ", p50Ratios));
            cells.add(!anyRatio ? Units.NONE : beyond ? WARN + " beyond " + percent() : "within " + percent());
            flagged += beyond ? 1 : 0;
            t.row(cells.toArray(String[]::new));
        }
        StringBuilder b = new StringBuilder("## Cross-check\n\n");
        b.append("The same cells driven by other load generators (`compare --crosscheck`), each ratio theirs ÷ the "
                + "built-in client's median. These runs are not in the tables above. Closed loop both; wrk and h2load "
                + "measure latency from the actual send, as the built-in client does in closed loop.\n\n");
        b.append(t.render()).append('\n');
        if (flagged > 0) {
            b.append(WARN).append(' ').append(flagged).append(flagged == 1 ? " cell disagrees" : " cells disagree")
                    .append(" by more than ").append(percent()).append(": there the figures say as much about the "
                            + "load generators as about the server.\n\n");
        }
        return b.toString();
    }

    /** Beyond 1 ± {@link #TOLERANCE}, compared so that 1.10 itself is not (1.10 - 1 is 0.1000000000000001). */
    static boolean beyond(double ratio) {
        return ratio > 1 + TOLERANCE || ratio < 1 - TOLERANCE;
    }

    private static String percent() {
        return Units.count(TOLERANCE * 100) + " %";
    }

    private static double positive(double v) {
        return v > 0 ? v : Double.NaN;
    }

    private static String cellName(Matrix.LoadKey k) {
        return k.workload() + ", " + Units.grouped(k.connections()) + (k.connections() == 1 ? " connection" : " connections");
    }
}
