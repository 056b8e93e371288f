/**
 * One virtual thread per connection ({@code virtual}): blocking code, scheduled by the JDK onto a
 * few carrier threads. An {@code /io} wait parks the virtual thread and frees its carrier.
 */
package io.concbench.model.virtualthread;
