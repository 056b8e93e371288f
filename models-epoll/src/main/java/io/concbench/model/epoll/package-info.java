/**
 * The {@code epoll} model: the reactor of {@code models-nio-reactor} rebuilt on raw Linux epoll through
 * {@code java.lang.foreign}, the way Netty's native transport does it with JNI.
 *
 * <p>Use it to see what an event loop costs per idle connection when the JDK's channel objects are
 * gone: file descriptors are ints, and an idle keep-alive connection is only an fd in an epoll set —
 * no {@code SocketChannel}, no {@code SelectionKey}, no Java object at all (the target was at most
 * 512 bytes of live heap each; the reactor's JDK objects alone take about 690).
 *
 * <h2>Shape</h2>
 * N {@link io.concbench.model.epoll.EpollLoop}s (default: available processors; {@code --workers N}),
 * each a platform thread with its own epoll fd and its own native read, write-batch and event buffers.
 * The listening socket is in every loop's set with {@code EPOLLEXCLUSIVE}; the loop the kernel wakes
 * accepts and keeps the connection. Level-triggered; one read per readiness; parsing, routing and
 * encoding are the harness's, as in every model. A {@link io.concbench.model.epoll.Connection} exists
 * only while a connection has a partial head, unsent output, a delayed reply or a linger.
 *
 * <h2>Native calls</h2>
 * {@link io.concbench.model.epoll.Linux} binds the C library's calls by reflection (the project compiles
 * with {@code --release 21}; {@code java.lang.foreign} is final only from JDK 22). Where it cannot —
 * JDK 21, not Linux, a CPU other than x86_64/aarch64, native access denied — starting the model fails
 * with one line saying why; listing models works everywhere.
 *
 * <p>Module {@code models-epoll}: depends on {@code harness} only; found by {@code cli} at run time through
 * {@code ServiceLoader}.
 */
package io.concbench.model.epoll;
