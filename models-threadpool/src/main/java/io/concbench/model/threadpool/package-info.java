/**
 * Platform threads, one per connection while it lasts: from a fixed pool ({@code threadpool}, the
 * classic servlet-container shape) or created per connection ({@code thread-per-connection}).
 * An {@code /io} wait blocks a kernel thread.
 */
package io.concbench.model.threadpool;
