/**
 * HTTP/1.1 over {@link java.nio.ByteBuffer}, shared by every model so that measured differences come
 * from the concurrency model alone.
 *
 * <p>Use {@link io.concbench.harness.http.RequestParser} to turn bytes into requests (one parser per
 * connection; it accepts a request split across any number of reads, or many pipelined requests in
 * one read) and {@link io.concbench.harness.http.Response} for encoded replies. Parsers are not
 * thread-safe; responses are.
 */
package io.concbench.harness.http;
