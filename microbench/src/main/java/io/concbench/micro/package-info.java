/**
 * JMH microbenchmarks that re-measure the chapter's small-scale claims (tables T2, T5, T8, T9, T10,
 * T12 of the chapter that {@code concbench reproduce} re-measures) on this machine, and T7's hazard
 * demonstrations. Each subpackage holds one question:
 * {@code switching} (what a handoff between threads costs), {@code threads} (what starting and
 * holding threads costs), {@code scheduler} (how executors queue short tasks), {@code sync} (what
 * sharing a counter costs), {@code chain} (what a middleware chain costs per request),
 * {@code hazards} (lost updates, a deadlock, starvation: what goes wrong without synchronisation), and
 * {@code report} (turning the JSON into the Markdown beside it).
 *
 * <p>Run them with {@code scripts/micro [quick|full] [regex]}, which builds
 * {@code microbench/target/benchmarks.jar} when stale and writes {@code results/micro/<UTC time>/}.
 * A benchmark class's annotations are its full-mode settings; quick mode overrides them from the
 * command line.
 *
 * <p>Module {@code microbench}: depends on {@code harness} (the application under test, /proc
 * readings), {@code report} (the summary's tables and numbers) and JMH. {@code cli}'s
 * {@code reproduce} runs its jar in child JVMs ({@code hazards}, the sleepers, the benchmarks) and
 * reads the hazards' result records from this module, with JMH left out of {@code concbench.jar};
 * nothing here depends on {@code cli}.
 */
package io.concbench.micro;
