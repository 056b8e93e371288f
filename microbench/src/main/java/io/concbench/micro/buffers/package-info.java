/**
 * Table T11's sync.Pool claim, as an allocation rate: a buffer per request allocated fresh, taken
 * from a shared pool and given back, or owned by the connection and reused. Run it with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes allocated per request.
 */
package io.concbench.micro.buffers;
