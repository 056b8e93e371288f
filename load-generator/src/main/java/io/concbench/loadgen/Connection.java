package io.concbench.loadgen;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection and what must outlive a single read: its parser state, the requests it
 * has outstanding (intended and actual start times, oldest first) and, in open loop, its place in
 * the schedule. The socket changes on every reconnect; this object and its arrays do not, so a run
 * allocates nothing per request. Owned and touched only by its {@link EventLoop}'s thread.
 */
final class Connection {

    static final int NEW = 0;          // not yet connected
    static final int CONNECTING = 1;
    static final int OPEN = 2;
    static final int WAITING_RETRY = 3; // a connect failed; retry at retryAtNanos
    static final int DONE = 4;          // closed for good at the end of the run

    /** 0..c-1 across all loops: fixes this connection's connect time and its open-loop phase. */
    final int globalIndex;
    final ResponseParser parser = new ResponseParser();
    /** This connection's view of the loop's pre-encoded request batch; position and limit are its own. */
    final ByteBuffer out;

    SocketChannel channel;
    SelectionKey key;
    int state = NEW;
    long connectStartedNanos;
    long retryAtNanos;
    /** A write did not finish; the rest goes when the socket is writable, and nothing new is sent meanwhile. */
    boolean writing;
    /** Queued to send once the current selection's reads are done. */
    boolean sendQueued;
    /**
     * When the connection last became able to take a request: connected, or a response freed a
     * place in a full pipeline. A request due earlier waited for the server, not for this client.
     */
    long freeSinceNanos;

    // Outstanding requests, a ring of capacity = pipeline depth.
    private final long[] intendedStartNanos;
    private final long[] actualStartNanos;
    private int head;
    private int count;

    // Open loop schedule.
    /** Start of this connection's schedule (its request 0); see {@link RunPlan}. */
    long anchorNanos;
    /** Index of the next request of the schedule to send; set at the first connect. */
    long nextSlot;
    boolean scheduled;
    /** Key in the {@link DueQueue}: intended start of {@link #nextSlot}. */
    long dueNanos;
    int heapIndex = -1;

    Connection(int globalIndex, ByteBuffer requestBatch, int pipeline) {
        this.globalIndex = globalIndex;
        this.out = requestBatch.duplicate();
        this.intendedStartNanos = new long[pipeline];
        this.actualStartNanos = new long[pipeline];
    }

    int outstanding() {
        return count;
    }

    boolean full() {
        return count == intendedStartNanos.length;
    }

    void push(long intendedNanos, long actualNanos) {
        int i = head + count;
        if (i >= intendedStartNanos.length) {
            i -= intendedStartNanos.length;
        }
        intendedStartNanos[i] = intendedNanos;
        actualStartNanos[i] = actualNanos;
        count++;
    }

    long oldestIntendedNanos() {
        return intendedStartNanos[head];
    }

    long oldestActualNanos() {
        return actualStartNanos[head];
    }

    void pop() {
        if (++head == intendedStartNanos.length) {
            head = 0;
        }
        count--;
    }

    /** Outstanding requests whose intended start is at or after {@code fromNanos}, i.e. measured ones. */
    int outstandingSince(long fromNanos) {
        int n = 0;
        for (int j = 0, i = head; j < count; j++) {
            if (intendedStartNanos[i] - fromNanos >= 0) {
                n++;
            }
            if (++i == intendedStartNanos.length) {
                i = 0;
            }
        }
        return n;
    }

    /** Forgets every outstanding request (the connection died; the caller has counted them). */
    void dropOutstanding() {
        head = 0;
        count = 0;
    }
}
