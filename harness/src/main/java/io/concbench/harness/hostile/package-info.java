/**
 * The hostile-input corpus and the one implementation that sends it: each case on a fresh
 * connection, its answers compared with the documented statuses and close, while a healthy
 * keep-alive connection keeps being served.
 *
 * <p>Use {@link io.concbench.harness.hostile.HostileRun} to run the whole corpus against a server
 * (the model contract does, and so does {@code concbench hostile URL}); use
 * {@link io.concbench.harness.hostile.CaseCheck} to send one case. A deviation is reported as text,
 * never thrown, so a caller can list every one.
 */
package io.concbench.harness.hostile;
