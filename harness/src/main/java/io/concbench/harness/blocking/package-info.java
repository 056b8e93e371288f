/**
 * Blocking-I/O serving for the models that give each connection a thread of its own: a platform
 * thread from a pool, a new platform thread, or a virtual thread.
 *
 * <p>{@link io.concbench.harness.blocking.BlockingServer} accepts and hands each connection to the
 * model's {@link io.concbench.harness.blocking.Dispatcher}; the connection is then served on that
 * thread in blocking mode with the shared codec, and an {@code /io} wait is {@link Thread#sleep}: a
 * platform thread blocks in the kernel, a virtual thread parks. How a thread is obtained is the only
 * thing these models do differently, so it is the only thing they implement.
 */
package io.concbench.harness.blocking;
