package io.concbench.reproduce;

import io.concbench.report.Units;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects one table's judged cells, claims, notes and details while its judge reads the
 * evidence. A figure that cannot be read (its experiment failed, its file lacks it) becomes
 * "not measured: reason" for that cell or claim alone; the rest of the table is still filled.
 */
final class Sheet {

    static final String NOT_MEASURED = "not measured: ";
    /** A cell keeps the start of a failure's reason; the claims below the table give it whole. */
    static final int CELL_REASON_CHARS = 100;
    static final String HERE = "here: ";

    private final Map<Long, String> cells = new HashMap<>();
    private final List<ClaimResult> claims = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<TableResult.Detail> details = new ArrayList<>();
    private String basis = ClaimResult.DIRECT;

    /** What the claims judged from now on rest on: {@link ClaimResult#DIRECT}, or an analogue named by {@link #analogue}. */
    void basis(String basis) {
        this.basis = basis;
    }

    /** The claims judged from now on rest on a stand-in: {@code what} names it. */
    void analogue(String what) {
        this.basis = ClaimResult.ANALOGUE + what;
    }

    /** Puts our figure beside the printed cell at (row, column), both 0-based. */
    void cell(int row, int column, Supplier<Measured> figure) {
        String text;
        try {
            text = figure.get().text();
        } catch (RuntimeException e) {
            String r = reason(e);
            text = NOT_MEASURED + (r.length() <= CELL_REASON_CHARS ? r : r.substring(0, CELL_REASON_CHARS) + "…");
        }
        cells.put(key(row, column), text);
    }

    /** Judges one claim. */
    void claim(String claim, String claimed, Supplier<Assessment> assessment) {
        int number = claims.size() + 1;
        try {
            Assessment a = assessment.get();
            claims.add(new ClaimResult(number, claim, claimed, a.measured(), a.judgement().verdict(), a.judgement().why(), a.source(),
                    basis));
        } catch (RuntimeException e) {
            String reason = reason(e);
            if (e instanceof NotMeasured.NotRun) {
                claims.add(new ClaimResult(number, claim, claimed, Units.NONE, Verdict.NO_EXPERIMENT, reason, "", basis));
                return;
            }
            claims.add(new ClaimResult(number, claim, claimed, NOT_MEASURED + reason, Verdict.NOT_MEASURED, reason, "", basis));
        }
    }

    /** A claim that needs hardware or an OS feature this machine lacks. */
    void notMeasurable(String claim, String claimed, String why) {
        unjudged(claim, claimed, Verdict.NOT_MEASURABLE, why);
    }

    /** A claim the project's tools could measure, but no experiment does yet. */
    void noExperiment(String claim, String claimed, String why) {
        unjudged(claim, claimed, Verdict.NO_EXPERIMENT, why);
    }

    /** Advice or a property of code: nothing to measure. */
    void notAClaim(String claim, String claimed, String why) {
        unjudged(claim, claimed, Verdict.NOT_A_CLAIM, why);
    }

    private void unjudged(String claim, String claimed, Verdict v, String why) {
        claims.add(new ClaimResult(claims.size() + 1, claim, claimed, Units.NONE, v, why, "", "–"));
    }

    /** A note whose text may need figures; one that cannot be read says so. */
    void note(Supplier<String> note) {
        try {
            notes.add(note.get());
        } catch (RuntimeException e) {
            notes.add(NOT_MEASURED + reason(e));
        }
    }

    /** An extra table; one whose experiment this run never made is left out. */
    void details(String heading, Supplier<String> markdown) {
        String md;
        try {
            md = markdown.get();
        } catch (NotMeasured.NotRun old) {
            return;
        } catch (RuntimeException e) {
            md = NOT_MEASURED + reason(e) + "\n";
        }
        details.add(new TableResult.Detail(heading, md));
    }

    TableResult result(ChapterTable t) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < t.header().size(); c++) {
                String printed = t.rows().get(r).get(c);
                String ours = cells.get(key(r, c));
                row.add(ours == null ? printed : printed + " · " + HERE + ours);
            }
            rows.add(row);
        }
        for (long k : cells.keySet()) {
            int r = (int) (k >> Integer.SIZE);
            int c = (int) k;
            if (r >= t.rows().size() || c >= t.header().size()) {
                throw new IllegalStateException(t.id() + ": a figure for cell (" + r + ", " + c + ") outside the printed table");
            }
        }
        return new TableResult(t.id(), t.title(), t.header(), rows, t.printedNotes(), List.copyOf(claims),
                List.copyOf(notes), List.copyOf(details), t.experiments());
    }

    /** NotMeasured carries a reason meant for the reader; anything else is unexpected and names its type. */
    static String reason(RuntimeException e) {
        if (e instanceof NotMeasured) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    private static long key(int row, int column) {
        return ((long) row << Integer.SIZE) | (column & 0xFFFFFFFFL);
    }
}
