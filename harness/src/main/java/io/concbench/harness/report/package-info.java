/**
 * Markdown, CSV and SVG charts from run results, and the exact merge of HdrHistogram interval logs.
 *
 * <p>Use {@link io.concbench.harness.report.Reports} once a set of {@link io.concbench.harness.result.RunResult}s
 * exists, whether they were just measured ({@code compare}) or read back from disk ({@code report}):
 * the output depends only on the runs, never on the time of rendering or the order of the list, so
 * re-rendering the same JSON gives the same bytes. Use {@link io.concbench.harness.report.HlogMerge}
 * to add up the {@code .hlog} files of several load-generator hosts into one histogram.
 *
 * <p>Charts are hand-written SVG on purpose: Java2D needs fonts and fontconfig that a fresh headless
 * machine may lack, while SVG text is drawn by whatever browser opens the file.
 */
package io.concbench.harness.report;
