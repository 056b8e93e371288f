package io.concbench.model.netty;

import io.concbench.harness.ServerCounters;
import io.concbench.harness.app.App;
import io.concbench.harness.http.HttpLimits;

/** What every connection of one server reads: set at start, never changed. Any thread. */
record Shared(ServerCounters counters, App app, HttpLimits limits, int maxConnections) {
}
