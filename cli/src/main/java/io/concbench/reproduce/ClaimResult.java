package io.concbench.reproduce;

/**
 * One judged claim, as the document's claims table shows it and claims.json stores it.
 *
 * @param number 1-based within its table
 * @param claim what is claimed, in a few words
 * @param claimed the chapter's figure or words
 * @param measured our figure, or "not measured: reason", or "–" when nothing was measured (no experiment, not measurable, not a claim)
 * @param verdict the verdict
 * @param why the rule and numbers that decided it
 * @param source the file(s) and JSON field(s) behind {@code measured}; "" when nothing was read
 * @param basis what the verdict rests on: "direct measurement", or "analogue: " and which stand-in
 */
record ClaimResult(int number, String claim, String claimed, String measured, Verdict verdict, String why, String source,
                   String basis) {

    static final String DIRECT = "direct measurement";
    static final String ANALOGUE = "analogue: ";
}
