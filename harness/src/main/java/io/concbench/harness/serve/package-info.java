/**
 * The server process: {@code concbench serve} and the child-process entry {@link io.concbench.harness.serve.ServeMain}.
 *
 * <p>Starts one model, prints exactly one {@code READY {json}} line on stdout, then answers one JSON
 * line per stdin command ({@code stats}, {@code gc}, {@code stop}). Stdin EOF or SIGTERM stops the
 * server cleanly, so a parent that dies leaves no server behind. {@link io.concbench.harness.serve.Cli}
 * runs any picocli command with the project's error conventions.
 */
package io.concbench.harness.serve;
