/**
 * The load generator's engine: its own NIO HTTP/1.1 client, closed and open loop, latency
 * corrected for coordinated omission, errors by class, HdrHistogram interval logs.
 *
 * <p>Use {@link io.concbench.loadgen.LoadRun} with {@link io.concbench.loadgen.LoadOptions} for one
 * run, and {@link io.concbench.loadgen.RateSearch} for the highest rate meeting a latency
 * objective. Results are {@link io.concbench.harness.result.LoadResult} records. Use
 * {@link io.concbench.loadgen.IdleConnections} to hold idle keep-alive connections open while a
 * server's memory per connection is measured.
 *
 * <p>Shape: one {@code EventLoop} thread per {@code -t}, each with a selector and a share of the
 * connections; the thread that calls {@code LoadRun.execute} is the reporter, which merges the
 * loops' HdrHistogram recorders once a second. Per request the hot path writes pre-encoded bytes,
 * frames the response in place with a per-connection {@code ResponseParser}, records its latency
 * (in open loop also the uncorrected latency and the send lag) and bumps counters; it neither
 * allocates nor throws.
 *
 * <p>Module {@code load-generator}: this engine and the {@code load} command
 * ({@link io.concbench.loadgen.cli}), nothing else. Depends on {@code harness} (result records) and
 * {@code report} (the number formatter); never on a model or on {@code cli}, so its jar,
 * {@code concbench-load.jar}, can drive a server from a host that has only a JDK.
 */
package io.concbench.loadgen;
