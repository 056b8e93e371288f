/**
 * What the event-loop models share: the pieces a single-threaded loop needs whatever it waits on
 * (an NIO {@code Selector} in the reactor, raw {@code epoll_wait} in the epoll model).
 *
 * <p>{@link io.concbench.harness.loop.Timers} holds one loop's deadlines and tells it how long it may
 * sleep; {@link io.concbench.harness.loop.DeferredReply} is a reply held back for an {@code /io} delay
 * (or queued behind one), owned by a connection that implements
 * {@link io.concbench.harness.loop.DeferredReply.Owner}. Both are called on the loop's own thread only
 * and are not thread-safe. {@link io.concbench.harness.loop.LoopLimits} bounds the options every
 * event-loop model (netty too) takes, and {@link io.concbench.harness.loop.LoopThreads} is how
 * {@code close()} waits for the loops. How a loop waits, reads, writes and counts stays in its model:
 * each counts only what it does, so the counter enums are not shared.
 */
package io.concbench.harness.loop;
