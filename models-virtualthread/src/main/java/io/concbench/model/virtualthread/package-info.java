/**
 * One virtual thread per connection ({@code virtual}): blocking code, scheduled by the JDK onto a
 * few carrier threads. An {@code /io} wait parks the virtual thread and frees its carrier.
 *
 * <p>Module {@code models-virtualthread}: depends on {@code harness} only; found by {@code cli} at run time through
 * {@code ServiceLoader}, so no module depends on it at compile time.
 */
package io.concbench.model.virtualthread;
