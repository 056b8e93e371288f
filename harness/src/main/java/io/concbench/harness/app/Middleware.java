package io.concbench.harness.app;

import io.concbench.harness.http.Request;

/** One link of the chain: answers itself or passes the request on to {@code next}. Must not block. */
@FunctionalInterface
public interface Middleware {
    Reply handle(Request request, Handler next);
}
