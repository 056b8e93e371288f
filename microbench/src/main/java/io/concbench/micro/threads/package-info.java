/**
 * Tables T2 and T10: what starting a thread costs, and what holding many sleeping threads costs.
 * {@link io.concbench.micro.threads.ThreadStart} is the JMH benchmark; {@link io.concbench.micro.threads.Sleepers}
 * is the chapter's "10,000 workers sleeping 100 ms" experiment, a plain main run once per variant in
 * a fresh JVM by {@code scripts/micro}, because peak RSS is per process.
 */
package io.concbench.micro.threads;
