package io.concbench.micro.buffers;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/*
 * Hypothesis — table T11 (chapter 4.2): pooling buffers with sync.Pool cut heap allocations by
 * 78 % and GC cycles from 12/s to 3/s at 10k connections.
 *
 * Each request needs one buffer of SIZE bytes: the request is copied in, its head is found, and
 * the response is written back over it. Three ways to get that buffer:
 *
 *   fresh   new byte[SIZE] per request (what the chapter's unpooled server does)
 *   pooled  taken from a shared pool and given back after the request (sync.Pool's pattern;
 *           an ArrayBlockingQueue, which allocates nothing per take or give-back)
 *   owned   one buffer per connection, reused for every request on it (what this project's
 *           servers do: no pool, nothing to give back)
 *
 * What to expect: fresh allocates about SIZE bytes per request (gc.alloc.rate.norm), pooled and
 * owned close to nothing, so the "cut" is near 100 %, not 78 %: the chapter's figure includes
 * whatever else its server allocated. gc.count (GC cycles per iteration) follows the allocation
 * rate on a small heap; the heap is fixed so the counts compare. Buffers of SIZE are larger than
 * escape analysis will scalar-replace, so fresh really allocates.
 *
 * Baseline: owned, the same work with no allocation and no pool to go through.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms" + BufferReuse.HEAP, "-Xmx" + BufferReuse.HEAP})
public class BufferReuse {

    /** A small fixed heap, so GC cycles per iteration reflect the allocation rate. */
    static final String HEAP = "64m";
    static final byte[] REQUEST = ("GET /plaintext HTTP/1.1\r\nHost: concbench\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!")
            .getBytes(StandardCharsets.US_ASCII);
    /** How many buffers the pool holds; one would do for a single thread, a few allow more. */
    static final int POOL_CAPACITY = 16;

    /**
     * One request's work on {@code buf}: copy the request in, find the end of its head, write the
     * response over it. Returns the response length plus where the head ended, so nothing is dead.
     */
    static int handle(byte[] buf) {
        System.arraycopy(REQUEST, 0, buf, 0, REQUEST.length);
        int end = headEnd(buf, REQUEST.length);
        System.arraycopy(RESPONSE, 0, buf, 0, RESPONSE.length);
        return RESPONSE.length + end + buf[RESPONSE.length - 1];
    }

    /** The index just past CRLFCRLF in buf[0, length), or -1. */
    static int headEnd(byte[] buf, int length) {
        for (int i = 3; i < length; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** A shared pool of buffers of one size, as sync.Pool: take one (or make one), give it back. */
    static final class Pool {
        private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL_CAPACITY);
        private final int size;

        Pool(int size) {
            this.size = size;
        }

        byte[] take() {
            byte[] b = free.poll();
            return b != null ? b : new byte[size];
        }

        void giveBack(byte[] b) {
            free.offer(b);           // dropped when full, as sync.Pool may drop
        }

        int idle() {
            return free.size();
        }
    }

    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"4096"})
        public int size;

        Pool pool;

        @Setup
        public void setUp() {
            pool = new Pool(size);
        }
    }

    /** One connection: its own buffer, for as long as it lives. */
    @State(Scope.Thread)
    public static class Connection {
        byte[] buffer;

        @Setup
        public void setUp(Shared shared) {
            buffer = new byte[shared.size];
        }
    }

    @Benchmark
    public int fresh(Shared shared) {
        return handle(new byte[shared.size]);
    }

    @Benchmark
    public int pooled(Shared shared) {
        byte[] b = shared.pool.take();
        try {
            return handle(b);
        } finally {
            shared.pool.giveBack(b);
        }
    }

    @Benchmark
    public int owned(Connection connection) {
        return handle(connection.buffer);
    }

    /*
     * How to run:
     *   java -jar microbench/target/benchmarks.jar BufferReuse -prof gc
     *   java -jar microbench/target/benchmarks.jar BufferReuse -prof gc -p size=65536
     * gc.alloc.rate.norm is B/op (bytes per request); gc.count is GC cycles per iteration.
     */
}
