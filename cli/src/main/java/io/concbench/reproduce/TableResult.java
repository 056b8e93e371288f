package io.concbench.reproduce;

import java.util.List;

/**
 * A judged table, ready to render; also what claims.json holds.
 *
 * @param id T1 … T13
 * @param title as printed
 * @param header printed column names
 * @param rows printed rows, each judged cell followed by what we measured
 * @param printedNotes claims printed beside the table
 * @param claims the judged claims
 * @param notes what a reader needs to weigh the figures (setup differences, caveats), each from the evidence
 * @param details extra tables of measured figures, each with a heading
 * @param experiments ids of the experiments behind it
 */
record TableResult(String id, String title, List<String> header, List<List<String>> rows, List<String> printedNotes,
                   List<ClaimResult> claims, List<String> notes, List<Detail> details, List<String> experiments) {

    /** @param heading a short title; @param markdown a Markdown block (usually a table) */
    record Detail(String heading, String markdown) {}
}
