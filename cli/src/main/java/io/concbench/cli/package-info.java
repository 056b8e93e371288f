/**
 * The {@code concbench} command line (picocli). {@link io.concbench.cli.Main} lists the subcommands;
 * each lives in its own class and delegates to the engine packages.
 *
 * <p>Module {@code cli}: the top of the dependency graph. It depends on every other module
 * ({@code harness}, {@code report}, {@code load-generator}, and every model at run time, found through
 * {@code ServiceLoader}) and nothing depends on it. Besides this package it holds
 * {@link io.concbench.compare} (the {@code compare} orchestration) and {@link io.concbench.reproduce}
 * (the chapter, re-measured). Builds {@code cli/target/concbench.jar}.
 */
package io.concbench.cli;
