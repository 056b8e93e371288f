/**
 * Platform threads, one per connection while it lasts: from a fixed pool ({@code threadpool}, the
 * classic servlet-container shape) or created per connection ({@code thread-per-connection}).
 * An {@code /io} wait blocks a kernel thread.
 *
 * <p>Module {@code models-threadpool}: depends on {@code harness} only; found by {@code cli} at run time through
 * {@code ServiceLoader}, so no module depends on it at compile time.
 */
package io.concbench.model.threadpool;
