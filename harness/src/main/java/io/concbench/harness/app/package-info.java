/**
 * The application every model serves: {@code /plaintext}, {@code /json}, {@code /io?ms=N},
 * {@code /cpu?n=N}, optionally behind a middleware chain (table T12).
 *
 * <p>Call {@link io.concbench.harness.app.App#handle} on the thread that parsed the request. It never
 * waits: a {@link io.concbench.harness.app.Reply} says "respond now" or "respond after N ms", and each
 * model waits its own natural way — a pool thread sleeps, a virtual thread parks, the reactor sets
 * a timer. {@code /cpu} burns CPU on the calling thread on purpose.
 */
package io.concbench.harness.app;
