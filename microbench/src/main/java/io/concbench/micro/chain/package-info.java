/**
 * Table T12: the harness's own middleware chain, composed dynamically (a list walked per request)
 * or statically (closed over once), measured per request on a request parsed once. Use it to see
 * what the composition itself costs, without sockets, parsing or encoding in the way.
 */
package io.concbench.micro.chain;
