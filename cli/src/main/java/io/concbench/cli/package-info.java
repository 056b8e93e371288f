/**
 * The {@code concbench} command line (picocli). {@link io.concbench.cli.Main} lists the subcommands;
 * each lives in its own class and delegates to the engine packages.
 */
package io.concbench.cli;
