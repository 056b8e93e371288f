package io.concbench.reproduce;

import java.util.List;

/**
 * One of the chapter's tables: as printed (from {@link ChapterText}), which experiments measure
 * it, and how its claims are judged from what they wrote.
 *
 * @param id T1 … T13
 * @param title the table's title and the chapter section it is in: "Memory layout (2.2)"
 * @param header the printed column names
 * @param rows the printed rows
 * @param printedNotes claims printed beside the table (e.g. "one process supports tens of thousands of QPS")
 * @param experiments ids of the experiments it needs, in the order they should run
 * @param judge reads the evidence and fills a sheet
 */
record ChapterTable(String id, String title, List<String> header, List<List<String>> rows, List<String> printedNotes,
                    List<String> experiments, Judge judge) {

    /** Fills the sheet from the evidence; every figure must be read through {@link Evidence}. */
    interface Judge {
        void judge(Evidence e, Sheet s);
    }

    /** The table {@code id} as the chapter prints it, measured by {@code experiments} and judged by {@code judge}. */
    static ChapterTable of(String id, List<String> experiments, Judge judge) {
        ChapterText.Printed p = ChapterText.table(id);
        return new ChapterTable(id, p.heading(), p.columns(), p.rows(), p.notes(), experiments, judge);
    }

    ChapterTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(id + ": row " + r + " has " + r.size() + " cells for " + header.size() + " columns");
            }
        }
        printedNotes = List.copyOf(printedNotes);
        experiments = List.copyOf(experiments);
    }
}
