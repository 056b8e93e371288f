package io.concbench.reproduce;

import java.util.ArrayList;
import java.util.List;

/** Markdown tables for the document. Columns whose name starts with {@code >} are right-aligned (numbers); the marker is dropped. */
final class Md {

    private final List<String> header = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    Md(String... columns) {
        this(List.of(columns));
    }

    Md(List<String> columns) {
        for (String c : columns) {
            right.add(c.startsWith(">"));
            header.add(c.startsWith(">") ? c.substring(1) : c);
        }
    }

    int columns() {
        return header.size();
    }

    Md row(String... cells) {
        return row(List.of(cells));
    }

    Md row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalStateException("row has " + cells.size() + " cells, table has " + header.size() + " columns");
        }
        rows.add(cells.stream().map(Md::escape).toList());
        return this;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        line(b, header.stream().map(Md::escape).toList());
        b.append('|');
        for (boolean r : right) {
            b.append(r ? "---:|" : "---|");
        }
        b.append('\n');
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(c).append(" |");
        }
        b.append('\n');
    }

    /** A cell stays on one line and cannot end early. */
    static String escape(String s) {
        return s == null ? "" : s.replace("\r", "").replace("\n", " ").replace("|", "\\|");
    }
}
