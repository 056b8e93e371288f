package io.concbench.loadgen;

/**
 * Open loop: the connections of one event loop that wait for the intended start of their next
 * request, earliest first. A binary min-heap over an array sized once, keyed by
 * {@link Connection#dueNanos}; each connection remembers its slot so it can be removed in O(log n).
 * No allocation after construction. Event-loop thread only.
 */
final class DueQueue {

    private final Connection[] heap;
    private int size;

    DueQueue(int capacity) {
        heap = new Connection[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest due time; only when not empty. */
    long peekNanos() {
        return heap[0].dueNanos;
    }

    /** Removes and returns the earliest; only when not empty. */
    Connection poll() {
        Connection top = heap[0];
        removeAt(0);
        return top;
    }

    /** Adds {@code c}, due at {@code c.dueNanos}; it must not be queued already. */
    void add(Connection c) {
        int i = size++;
        heap[i] = c;
        c.heapIndex = i;
        siftUp(i);
    }

    /** Removes {@code c} when queued; otherwise does nothing. */
    void remove(Connection c) {
        if (c.heapIndex >= 0) {
            removeAt(c.heapIndex);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        Connection gone = heap[i];
        gone.heapIndex = -1;
        int last = --size;
        if (i != last) {
            Connection moved = heap[last];
            heap[i] = moved;
            moved.heapIndex = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        Connection c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Connection p = heap[parent];
            if (p.dueNanos - c.dueNanos <= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = c;
        c.heapIndex = i;
    }

    private void siftDown(int i) {
        Connection c = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].dueNanos - heap[child].dueNanos < 0) {
                child = right;
            }
            if (c.dueNanos - heap[child].dueNanos <= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = c;
        c.heapIndex = i;
    }
}
