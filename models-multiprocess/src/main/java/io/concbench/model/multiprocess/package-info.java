/**
 * Several worker JVMs sharing one port through SO_REUSEPORT ({@code multiprocess}): the shape of
 * nginx or a pre-forked server, where the kernel, not the application, spreads connections.
 *
 * <p>Use it to see what process isolation costs and buys against threads in one process: each
 * worker has its own heap, JIT and collector, and a crash takes down one worker's connections, not
 * the server. A supervisor ({@code Supervisor}) starts the workers with {@code ServeMain} and the
 * supervisor's own JVM flags, asks them for stats and GC over their stdin, restarts one that dies,
 * and stops them on close. Workers stop by themselves when their stdin closes, so a supervisor
 * killed with SIGKILL leaves none behind.
 *
 * <p>When a worker dies, its open connections end, and so do connections still waiting in its accept
 * queue (Linux resets them unless {@code net.ipv4.tcp_migrate_req=1} moves them to another listener of
 * the port); new connections go to the living workers at once, and to the replacement once it listens.
 * State of the application is per worker too: each has its own limiter bucket, so N workers admit N
 * times the limiter's rate.
 *
 * <p>Memory and CPU of this model are sums over the process tree (supervisor and workers), read
 * with {@link io.concbench.harness.probe.ProcessProbe#tree}.
 *
 * <p>Module {@code models-multiprocess}: depends on {@code harness} only; found by {@code cli} at run time through
 * {@code ServiceLoader}, so no module depends on it at compile time.
 */
package io.concbench.model.multiprocess;
