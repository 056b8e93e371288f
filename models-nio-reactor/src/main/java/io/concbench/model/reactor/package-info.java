/**
 * The {@code reactor} model: an NIO selector event loop, the shape of Netty, Vert.x and nginx.
 *
 * <p>Use it to see what an event loop buys and costs against a thread per connection: many idle
 * connections for the price of a channel each, {@code /io} waits that cost a timer rather than a
 * thread, and a {@code /cpu} handler that stalls every connection of its loop — the comparison
 * should show that, not hide it.
 *
 * <h2>Shape</h2>
 * N {@link io.concbench.model.reactor.EventLoop}s (default: available processors; {@code --workers N}),
 * each a platform thread with its own selector. Each loop owns one direct read buffer and one direct
 * write-batch buffer shared by all its connections; a {@link io.concbench.model.reactor.Connection}
 * keeps only what must outlive one read, and is dropped when nothing is left. Parsers are pooled per
 * loop and held by a connection only while a request is partly read, so an idle keep-alive
 * connection costs only its channel and its selection key.
 *
 * <h2>Rules every loop follows</h2>
 * <ul>
 *   <li>The loop never blocks except in select, whose timeout follows the next timer deadline.</li>
 *   <li>Pipelined requests are answered in order; the answers to one read leave in one write. A
 *       delayed {@code /io} reply holds back later answers on its connection.</li>
 *   <li>A connection is read only while nothing is owed to it. A partial write arms OP_WRITE; output
 *       the socket did not take is held up to {@code --max-pending-output} bytes, beyond which the
 *       connection is closed and counted ({@code pendingOutputOverflows}).</li>
 *   <li>Another thread wakes a selector only when its loop sleeps in select (Netty's "wakenUp" flag).</li>
 * </ul>
 *
 * <h2>Accepting: {@code --accept shared} (default) or {@code reuseport}</h2>
 * {@code shared}: one listener on loop 0, which hands each connection to the loop with the fewest open
 * connections (itself included, without a hand-over). {@code reuseport}: each loop binds its own
 * SO_REUSEPORT listener on the same port and the kernel spreads connections by a hash of the
 * addresses. With one loop the two are the same. The default is the one measured better on this
 * project's reference machine; the figures and the reason are in this module's README.
 *
 * <h2>Memory per idle connection</h2>
 * The JDK's own objects for one accepted, registered {@code SocketChannel} (the channel, its file
 * descriptor, locks, both socket addresses, the selection key and the selector's maps) come to about
 * 690 bytes of live heap on JDK 25, above a 512-byte target by themselves; this model adds
 * nothing per idle connection (see the module README for the breakdown).
 *
 * <p>Module {@code models-nio-reactor}: depends on {@code harness} only; found by {@code cli} at run time through
 * {@code ServiceLoader}, so no module depends on it at compile time.
 */
package io.concbench.model.reactor;
