package io.concbench.micro.threads;

import io.concbench.harness.probe.ProcessProbe;
import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chapter's experiment behind table T2: start N workers that each sleep 100 ms, and claim
 * "memory only tens of MB" for 10,000 goroutines. Starts N platform or virtual threads as fast as
 * one thread can, waits for all to finish, and prints one JSON line: time to start them all, time
 * to finish, peak live workers, peak RSS and peak heap (sampled), and VmHWM.
 *
 * <p>Two ways to run, because a goroutine starts in about a microsecond and a platform thread in
 * tens or hundreds: taken literally ({@code --no-all-at-once}), each worker sleeps from its own
 * start, and platform workers finish before the last ones start, so far fewer than N are ever alive
 * and their memory is not the memory of N workers. With {@code --all-at-once} (what
 * {@code scripts/micro} reports first) each worker waits at a gate until all N have started, then
 * sleeps: all N are alive together, which is what the chapter's memory claim is about.
 *
 * <p>Run each variant in a fresh JVM ({@code scripts/micro} does): VmHWM is a per-process high-water
 * mark and would carry over from an earlier variant.
 *
 * <p>Platform threads stop at a safety cap below the machine's thread limits ({@link ThreadLimits});
 * reaching it, or failing to create a thread, is reported as the variant's outcome rather than
 * thrown, because "this many platform threads do not fit" is the finding. The workers already
 * started are then released and measured.
 */
@Command(name = "sleepers", mixinStandardHelpOptions = true,
        description = "Start N threads that each sleep, and report time to finish and peak memory as one JSON line.")
public final class Sleepers implements Callable<Integer> {

    /** Thread kinds. */
    public enum Kind { PLATFORM, VIRTUAL }

    /**
     * One variant's outcome, the JSON line {@code scripts/micro} collects.
     *
     * @param kind platform or virtual
     * @param tasks workers asked for
     * @param started workers actually started
     * @param outcome "ok", or "failed: ..." naming what stopped the start loop
     * @param allAtOnce whether workers waited until all had started before sleeping
     * @param sleepMillis how long each worker slept
     * @param startAllMillis from the first start to the last (or to the failure)
     * @param elapsedMillis from the first start to the last worker's end
     * @param peakLive the most workers started and not yet finished at once
     * @param liveCap the cap on live platform threads (-1 for virtual)
     * @param rssBeforeBytes RSS just before the first start
     * @param peakRssBytes the highest RSS the sampler saw
     * @param vmHwmBytes the kernel's RSS high-water mark for the process (includes JVM start-up)
     * @param heapBeforeBytes heap used just before the first start
     * @param peakHeapUsedBytes the highest heap-used the sampler saw (live data and garbage)
     * @param jvm the JVM that ran it
     */
    public record Result(String kind, int tasks, int started, String outcome, boolean allAtOnce, long sleepMillis,
                         double startAllMillis, double elapsedMillis, int peakLive, long liveCap,
                         long rssBeforeBytes, long peakRssBytes, long vmHwmBytes,
                         long heapBeforeBytes, long peakHeapUsedBytes, String jvm) {}

    @Option(names = "--kind", required = true, description = "platform or virtual")
    Kind kind;

    @Option(names = "--tasks", defaultValue = "10000", description = "workers to start (default ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--sleep-ms", defaultValue = "100", description = "how long each worker sleeps (default ${DEFAULT-VALUE})")
    long sleepMillis;

    @Option(names = "--all-at-once", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "workers sleep only once all have started, so all N are alive together (default ${DEFAULT-VALUE})")
    boolean allAtOnce;

    @Option(names = "--start-budget-ms", defaultValue = "60000",
            description = "give up starting after this long and report it as the outcome (default ${DEFAULT-VALUE}):"
                    + " a platform start gets slower the more platform threads are alive")
    long startBudgetMillis;

    @Option(names = "--sample-ms", defaultValue = "5", description = "RSS and heap sampling period (default ${DEFAULT-VALUE})")
    long sampleMillis;

    @Option(names = "--max-live-platform-threads",
            description = "cap on live platform threads (default: 3/4 of the machine's tightest thread limit, less what runs)")
    Integer maxLivePlatformThreads;

    public static void main(String[] args) {
        System.exit(Cli.execute(new CommandLine(new Sleepers()), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (tasks < 1 || sleepMillis < 0 || sampleMillis < 1 || startBudgetMillis < 1) {
            throw new IllegalArgumentException(
                    "--tasks, --sample-ms and --start-budget-ms must be at least 1 and --sleep-ms at least 0");
        }
        System.out.println(Json.line(run()));
        return 0;
    }

    Result run() throws InterruptedException {
        ThreadLimits limits = ThreadLimits.read();
        long cap = kind == Kind.VIRTUAL ? -1
                : maxLivePlatformThreads != null ? maxLivePlatformThreads : limits.platformCap();
        Thread.Builder builder = kind == Kind.VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform();

        AtomicInteger live = new AtomicInteger();
        AtomicInteger peakLive = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(tasks);
        CountDownLatch gate = new CountDownLatch(allAtOnce ? 1 : 0);
        Duration sleep = Duration.ofMillis(sleepMillis);
        Runnable worker = () -> {
            try {
                gate.await();
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                live.decrementAndGet();
                finished.countDown();
            }
        };

        MemorySampler sampler = MemorySampler.start(Duration.ofMillis(sampleMillis));
        long rssBefore = MemorySampler.rssBytes();
        long heapBefore = ProcessProbe.heapUsedBytes();
        String outcome = "ok";
        int started = 0;
        long t0 = System.nanoTime();
        long budgetNanos = TimeUnit.MILLISECONDS.toNanos(startBudgetMillis);
        for (; started < tasks; started++) {
            if (System.nanoTime() - t0 > budgetNanos) {
                outcome = "failed: started only " + started + " of " + tasks + " " + kindName()
                        + " threads within the " + startBudgetMillis + " ms start budget";
                break;
            }
            if (cap >= 0 && live.get() >= cap) {
                outcome = "failed: " + live.get() + " platform threads alive reached the safety cap " + cap
                        + " (3/4 of the tightest limit, less what runs: " + limits.describe() + ")";
                break;
            }
            int now = live.incrementAndGet();
            peakLive.accumulateAndGet(now, Math::max);
            try {
                builder.start(worker);
            } catch (OutOfMemoryError e) {
                // "unable to create native thread": the finding, not a crash. The worker never ran.
                live.decrementAndGet();
                outcome = "failed: " + e.getMessage();
                break;
            }
        }
        double startAllMillis = (System.nanoTime() - t0) / 1e6;
        gate.countDown();
        for (int i = started; i < tasks; i++) {
            finished.countDown();
        }
        finished.await();
        double elapsedMillis = (System.nanoTime() - t0) / 1e6;
        MemorySampler.Peaks peaks = sampler.stop();
        long hwm = MemorySampler.peakRssBytes();
        return new Result(kindName(), tasks, started, outcome, allAtOnce, sleepMillis,
                startAllMillis, elapsedMillis, peakLive.get(), cap, rssBefore, peaks.rssBytes(), hwm, heapBefore,
                peaks.heapUsedBytes(), Runtime.version() + " " + System.getProperty("java.vm.name"));
    }

    private String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
