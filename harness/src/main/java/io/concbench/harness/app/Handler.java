package io.concbench.harness.app;

import io.concbench.harness.http.Request;

/** Answers one request. Called on the thread that parsed it; must not block. */
@FunctionalInterface
public interface Handler {
    Reply handle(Request request);
}
