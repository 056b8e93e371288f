/**
 * What the event-loop models share: the pieces a single-threaded loop needs whatever it waits on
 * (an NIO {@code Selector} in the reactor, raw {@code epoll_wait} in the epoll model).
 *
 * <p>{@link io.concbench.harness.loop.Timers} holds one loop's deadlines and tells it how long it may
 * sleep; {@link io.concbench.harness.loop.DeferredReply} is a reply held back for an {@code /io} delay
 * (or queued behind one), owned by a connection that implements
 * {@link io.concbench.harness.loop.DeferredReply.Owner}. Everything here is called on the loop's own
 * thread and is not thread-safe. How a loop waits, reads and writes stays in its model.
 */
package io.concbench.harness.loop;
