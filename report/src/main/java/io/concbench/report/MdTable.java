package io.concbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table padded to equal column widths, so that it reads as well in a terminal (compare
 * prints it) as rendered; or, {@link #compact}, unpadded, for tables of prose where one long cell
 * would pad every row to its width.
 */
public final class MdTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();
    private boolean compact;

    /** Columns whose name starts with {@code >} are right-aligned (numbers); the marker is dropped. */
    public MdTable(String... columns) {
        header = new ArrayList<>();
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].startsWith(">");
            header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    /** A table of the same columns, rendered without padding: {@code | a | b |} and {@code |---|---:|}. */
    public static MdTable compact(String... columns) {
        MdTable t = new MdTable(columns);
        t.compact = true;
        return t;
    }

    public int columns() {
        return header.size();
    }

    public void row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalStateException("row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        List<String> r = new ArrayList<>();
        for (String c : cells) {
            r.add(escape(c));
        }
        rows.add(r);
    }

    /** As {@link #row(String...)}. */
    public void row(List<String> cells) {
        row(cells.toArray(String[]::new));
    }

    public String render() {
        if (compact) {
            return renderCompact();
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, length(header.get(i)));
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], length(r.get(i)));
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, header, width);
        b.append('|');
        for (int i = 0; i < width.length; i++) {
            b.append(rightAligned[i] ? " " + "-".repeat(width[i] - 1) + ": |" : " " + "-".repeat(width[i]) + " |");
        }
        b.append('\n');
        for (List<String> r : rows) {
            line(b, r, width);
        }
        return b.toString();
    }

    private String renderCompact() {
        StringBuilder b = new StringBuilder();
        compactLine(b, header.stream().map(MdTable::escape).toList());
        b.append('|');
        for (boolean r : rightAligned) {
            b.append(r ? "---:|" : "---|");
        }
        b.append('\n');
        rows.forEach(r -> compactLine(b, r));
        return b.toString();
    }

    private static void compactLine(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(c).append(" |");
        }
        b.append('\n');
    }

    private void line(StringBuilder b, List<String> cells, int[] width) {
        b.append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - length(c));
            b.append(' ').append(rightAligned[i] ? pad + c : c + pad).append(" |");
        }
        b.append('\n');
    }

    /** A cell must stay on one line and must not end the cell early. */
    public static String escape(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
