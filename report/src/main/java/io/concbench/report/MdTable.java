package io.concbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table padded to equal column widths, so that it reads as well in a terminal (compare
 * prints it) as rendered.
 */
public final class MdTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with {@code >} are right-aligned (numbers); the marker is dropped. */
    public MdTable(String... columns) {
        header = new ArrayList<>();
        rightAligned = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            rightAligned[i] = columns[i].startsWith(">");
            header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
        }
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

    public String render() {
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
    static String escape(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
