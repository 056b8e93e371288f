/**
 * The {@code load} command: options, the wrk-like summary and the progress line, over the engine in
 * {@link io.concbench.loadgen}. {@link io.concbench.loadgen.cli.LoadMain} runs it as the
 * load-generator jar's only command; the {@code concbench} command line mounts the same
 * {@link io.concbench.loadgen.cli.LoadCommand} as {@code concbench load}.
 */
package io.concbench.loadgen.cli;
