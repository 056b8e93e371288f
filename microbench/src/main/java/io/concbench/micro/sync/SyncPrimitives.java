package io.concbench.micro.sync;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/*
 * Hypothesis — tables T8 (chapter 3.2) and T9 (chapter 3.3):
 *
 *   T8  atomic operation   overhead "very low"   simple counters
 *       mutex              "medium"              complex shared state
 *       channel            "higher"              communication between goroutines
 *   T9  atomic operations  need sync, "low"      counters, flags
 *       read-only sharing  no sync, "very low"   configuration, metadata caches
 *
 * One shared counter (or one shared value), ns per operation, at 1, 2 and 4 threads — the nested
 * classes OneThread, TwoThreads and FourThreads run the same methods with @Threads(1|2|4):
 *
 *   unshared                   baseline: a per-thread counter, no sharing at all
 *   atomicLong                 AtomicLong.incrementAndGet (one lock xadd)
 *   atomicLongGet              AtomicLong.get, a volatile read: the atomic side of T9
 *   longAdder                  LongAdder.increment: striped cells, contention spread out
 *   varHandleCas               a getVolatile / compareAndSet retry loop on a plain field
 *   synchronizedCounter        a monitor around ++
 *   reentrantLock              lock(); ++; unlock()
 *   stampedLockOptimisticRead  read a two-field point with tryOptimisticRead/validate (no writer)
 *   arrayBlockingQueue         put then take on a shared bounded queue: one send and one receive
 *   linkedTransferQueue        the same on a LinkedTransferQueue
 *   immutableRecordRead        read two fields of a record shared through a final field: T9's
 *                              read-only sharing
 *
 * The channel rows do one send and one receive per operation on the same thread, so they never
 * block: they price the channel's synchronisation, not a thread handoff (ContextSwitch does that).
 * Four threads on a two-core machine oversubscribe it: a lock holder can be preempted, and the
 * lock rows show the convoy that follows. That is part of the answer, not noise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public abstract class SyncPrimitives {

    /** Read-only configuration, the T9 example: built once, shared by reference, never written. */
    record Limits(long maxConnections, long maxRequestBytes) {}

    /** A channel never holds more than one message per thread here; room for the most threads used. */
    private static final int CHANNEL_CAPACITY = 16;
    private static final Object MESSAGE = new Object();
    private static final VarHandle CAS_VALUE;

    static {
        try {
            CAS_VALUE = MethodHandles.lookup().findVarHandle(SyncPrimitives.class, "casValue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private volatile long casValue;
    private final Object monitor = new Object();
    private long monitorValue;
    private final ReentrantLock lock = new ReentrantLock();
    private long lockedValue;
    private final StampedLock stamped = new StampedLock();
    private long pointX = 3;
    private long pointY = 4;
    private final BlockingQueue<Object> arrayQueue = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
    private final BlockingQueue<Object> transferQueue = new LinkedTransferQueue<>();
    private final Limits limits = new Limits(10_000, 1 << 20);

    /** A counter nobody else sees. */
    @State(Scope.Thread)
    public static class Unshared {
        long value;
    }

    @Benchmark
    public long unshared(Unshared mine) {
        return ++mine.value;
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public long atomicLongGet() {
        return atomic.get();
    }

    @Benchmark
    public void longAdder() {
        adder.increment();
    }

    @Benchmark
    public long varHandleCas() {
        long v;
        do {
            v = (long) CAS_VALUE.getVolatile(this);
        } while (!CAS_VALUE.compareAndSet(this, v, v + 1));
        return v + 1;
    }

    @Benchmark
    public long synchronizedCounter() {
        synchronized (monitor) {
            return ++monitorValue;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++lockedValue;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long stampedLockOptimisticRead() {
        long stamp = stamped.tryOptimisticRead();
        long x = pointX;
        long y = pointY;
        if (!stamped.validate(stamp)) {
            stamp = stamped.readLock();
            try {
                x = pointX;
                y = pointY;
            } finally {
                stamped.unlockRead(stamp);
            }
        }
        return x + y;
    }

    @Benchmark
    public Object arrayBlockingQueue() throws InterruptedException {
        arrayQueue.put(MESSAGE);
        return arrayQueue.take();
    }

    @Benchmark
    public Object linkedTransferQueue() throws InterruptedException {
        transferQueue.put(MESSAGE);
        return transferQueue.take();
    }

    @Benchmark
    public long immutableRecordRead() {
        Limits l = limits;
        return l.maxConnections() + l.maxRequestBytes();
    }

    @Threads(1)
    public static class OneThread extends SyncPrimitives {}

    @Threads(2)
    public static class TwoThreads extends SyncPrimitives {}

    @Threads(4)
    public static class FourThreads extends SyncPrimitives {}

    /*
     * How to run:
     *   scripts/micro quick SyncPrimitives
     *   java -jar microbench/target/benchmarks.jar 'SyncPrimitives.FourThreads'
     *   java -jar microbench/target/benchmarks.jar 'SyncPrimitives.*atomicLong$' -prof gc
     */
}
