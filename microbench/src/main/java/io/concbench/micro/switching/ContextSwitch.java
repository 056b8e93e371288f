package io.concbench.micro.switching;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/*
 * Hypothesis — table T10 (chapter 4.1) and T2 (chapter 2.1):
 *
 *   thread context switch      ~2 µs    "high" cost, kernel switch (T2)
 *   coroutine switch          ~50 ns    "low" cost, user space (T2)
 *
 * A token goes back and forth between two threads of one kind; every handoff wakes a thread that
 * is blocked, so one handoff is one switch. The score is nanoseconds per handoff.
 *
 *   pingPong            platform vs virtual threads, three handoff mechanisms (synchronousQueue,
 *                       exchanger, parkUnpark); parkUnpark never spins, so it is the purest switch
 *   pingPongOneCarrier  virtual threads with -Djdk.virtualThreadScheduler.parallelism=1: both
 *                       virtual threads share one carrier, so a handoff is an unmount and a mount
 *                       on the same OS thread — the goroutine-like case. With the default
 *                       parallelism the woken virtual thread may be given to another carrier that
 *                       is itself parked, and the kernel switch comes back.
 *   sameThread          baseline: unpark(self) then park() — the primitive's own cost, no switch
 *
 * Platform threads pinned to one core: scripts/micro runs pingPong (threads=platform) a second
 * time with the whole JVM under `taskset -c 0` and labels those rows "pinned cpu0". On one core a
 * handoff is a same-CPU switch with no cross-CPU wake-up, which is what lmbench's lat_ctx reports.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m"})
public class ContextSwitch {

    /** Round trips per invocation: enough that the caller's two wake-ups per batch stay below 0.1 % of the score. */
    static final int ROUND_TRIPS = 5_000;
    static final int HANDOFFS = 2 * ROUND_TRIPS;

    @State(Scope.Benchmark)
    public static class Pair {
        @Param({"synchronousQueue", "exchanger", "parkUnpark"})
        public String handoff;

        @Param({"platform", "virtual"})
        public String threads;

        Volley volley;

        @Setup(Level.Trial)
        public void start() {
            volley = new Volley(Handoff.named(handoff), Volley.threads(threads));
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            volley.close();
        }
    }

    /** Virtual threads only: the fork that uses it has one carrier. */
    @State(Scope.Benchmark)
    public static class VirtualPair {
        @Param({"synchronousQueue", "exchanger", "parkUnpark"})
        public String handoff;

        Volley volley;

        @Setup(Level.Trial)
        public void start() {
            volley = new Volley(Handoff.named(handoff), Volley.threads("virtual"));
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            volley.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public long sameThread() {
        Thread self = Thread.currentThread();
        for (int i = 0; i < HANDOFFS; i++) {
            LockSupport.unpark(self);
            LockSupport.park(this);   // the permit is there: returns at once
        }
        return self.threadId();
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public long pingPong(Pair pair) {
        return pair.volley.play(ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    @Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m"},
            jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public long pingPongOneCarrier(VirtualPair pair) {
        return pair.volley.play(ROUND_TRIPS);
    }

    /*
     * How to run:
     *   scripts/micro quick ContextSwitch        (also re-runs pingPong platform under taskset -c 0)
     *   java -jar microbench/target/benchmarks.jar ContextSwitch
     *   taskset -c 0 java -jar microbench/target/benchmarks.jar 'ContextSwitch.pingPong$' -p threads=platform
     */
}
