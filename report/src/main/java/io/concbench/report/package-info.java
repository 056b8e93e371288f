/**
 * Markdown, CSV and SVG charts from run results, and the exact merge of HdrHistogram interval logs.
 *
 * <p>Use {@link io.concbench.report.Reports} once a set of {@link io.concbench.harness.result.RunResult}s
 * exists, whether they were just measured ({@code compare}) or read back from disk ({@code report}):
 * the output depends only on the runs, never on the time of rendering or the order of the list, so
 * re-rendering the same JSON gives the same bytes. Use {@link io.concbench.report.HlogMerge}
 * to add up the {@code .hlog} files of several load-generator hosts into one histogram.
 *
 * <p>{@link io.concbench.report.MdTable} and {@link io.concbench.report.Units} are the project's one
 * Markdown table writer and one number formatter: compare, report, reproduce, the load summary and
 * the microbenchmarks' summary all print through them, so a figure reads the same everywhere.
 *
 * <p>Depends on harness (the result records) only; the load generator, microbench and the cli
 * depend on it, no model does.
 *
 * <p>Charts are hand-written SVG on purpose: Java2D needs fonts and fontconfig that a fresh headless
 * machine may lack, while SVG text is drawn by whatever browser opens the file.
 */
package io.concbench.report;
