/**
 * Readings of a process from {@code /proc} and from this JVM's management beans: resident memory,
 * CPU ticks, context switches, threads, heap. Use it to sample a server from outside (by pid, or
 * over its whole process tree) or from inside (for the {@code gc} command). Linux only; elsewhere
 * the readings are empty rather than wrong. {@link io.concbench.harness.probe.ProcFields} is the one
 * parser of /proc text: read /proc through it rather than with indexOf. Context switches over a
 * window: {@link io.concbench.harness.probe.Rusage} from inside the process (exited threads included),
 * else {@link io.concbench.harness.probe.LiveThreadSwitches}, never the plain live-thread sum.
 */
package io.concbench.harness.probe;
