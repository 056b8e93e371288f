/**
 * Tables T8 and T9: what sharing one counter costs under 1, 2 and 4 threads with atomics, locks and
 * a queue used as a channel, and what reading immutable shared data costs. Use it to pick the
 * cheapest safe primitive for a piece of shared state.
 */
package io.concbench.micro.sync;
