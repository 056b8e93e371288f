/**
 * Table T7: the chapter's concurrency problems (a data race, a lock-order deadlock, starvation under
 * an unfair lock), each shown beside its remedy. Not a JMH benchmark: a demonstration whose figures
 * are counts (lost updates, deadlocked threads, acquisitions per thread), run once in a fresh JVM by
 * {@code concbench reproduce}, which reads back the JSON {@link io.concbench.micro.hazards.Hazards}
 * writes. Use it to see a hazard happen on this machine, not to time a primitive (that is
 * {@code io.concbench.micro.sync}).
 */
package io.concbench.micro.hazards;
