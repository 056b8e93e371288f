package io.concbench.report;

import java.util.List;
import java.util.Map;

/**
 * Memory per connection as HTML bars: per step (connections requested), one group per figure (heap,
 * NMT committed, NMT thread stacks, RSS), one bar per model, scaled to the largest of that figure.
 * A figure inside its noise band draws no bar and reads "≈ 0 (±X)", as in the table.
 */
final class MemoryBars {

    private record Figure(String name, Metric metric) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("heap after GC", Metric.HEAP_BYTES_PER_CONNECTION),
            new Figure("NMT committed (native)", Metric.NMT_COMMITTED_BYTES_PER_CONNECTION),
            new Figure("NMT thread stacks", Metric.NMT_THREAD_STACK_BYTES_PER_CONNECTION),
            new Figure("RSS", Metric.RSS_BYTES_PER_CONNECTION));
    private static final double PERCENT = 100;

    private MemoryBars() {}

    static String render(Matrix m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, Map<String, ModelRuns>> step : m.memory.entrySet()) {
            b.append("<div class=\"memory\"><h4>Memory per connection, ").append(Units.grouped(step.getKey()))
                    .append(" idle connections requested</h4>\n");
            for (Figure f : FIGURES) {
                double max = 0;
                for (ModelRuns c : step.getValue().values()) {
                    double v = c.stat(f.metric()).median();
                    if (!Double.isNaN(v) && !Units.withinNoise(v, c.stat(f.metric().noiseBand()).max())) {
                        max = Math.max(max, v);
                    }
                }
                b.append("<div class=\"bars\"><div class=\"figure\">").append(MdHtml.escape(f.name())).append(" (per connection)</div>\n");
                for (ModelRuns c : step.getValue().values()) {
                    double v = c.stat(f.metric()).median();
                    double band = c.stat(f.metric().noiseBand()).max();
                    String text = c.ok.isEmpty() ? "failed" : Units.bytesAgainstNoise(v, band);
                    double width = Double.isNaN(v) || max <= 0 || Units.withinNoise(v, band) || v <= 0 ? 0 : PERCENT * v / max;
                    Stat held = c.stat(Metric.HELD);
                    String who = c.model + (!held.isEmpty() && held.min() < step.getKey()
                            ? " (held " + Units.grouped((long) held.min()) + ")" : "");
                    b.append("<div class=\"bar\"><span class=\"model\">").append(MdHtml.escape(who))
                            .append("</span><span class=\"track\"><span class=\"fill\" style=\"width:")
                            .append(Units.raw(Math.round(width * 10) / 10.0)).append("%;background:")
                            .append(Charts.colour(m, c.model)).append("\"></span></span><span class=\"value\">")
                            .append(MdHtml.escape(text)).append("</span></div>\n");
                }
                b.append("</div>\n");
            }
            b.append("</div>\n");
        }
        return b.toString();
    }
}
