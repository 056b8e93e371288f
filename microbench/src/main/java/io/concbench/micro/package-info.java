/**
 * JMH microbenchmarks that re-measure the chapter's small-scale claims (tables T2, T5, T8, T9, T10,
 * T12 of the chapter that {@code concbench reproduce} re-measures) on this machine. Each subpackage holds one question:
 * {@code switching} (what a handoff between threads costs), {@code threads} (what starting and
 * holding threads costs), {@code scheduler} (how executors queue short tasks), {@code sync} (what
 * sharing a counter costs), {@code chain} (what a middleware chain costs per request), and
 * {@code report} (turning the JSON into the Markdown beside it).
 *
 * <p>Run them with {@code scripts/micro [quick|full] [regex]}, which builds
 * {@code microbench/target/benchmarks.jar} when stale and writes {@code results/micro/<UTC time>/}.
 * A benchmark class's annotations are its full-mode settings; quick mode overrides them from the
 * command line.
 *
 * <p>Module {@code microbench}: depends on {@code harness} (the application under test, /proc
 * readings) and JMH; {@code cli}'s {@code reproduce} runs its jar in child JVMs and never the
 * other way round.
 */
package io.concbench.micro;
