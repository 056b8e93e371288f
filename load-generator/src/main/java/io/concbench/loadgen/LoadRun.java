package io.concbench.loadgen;

import io.concbench.harness.result.ClientCpu;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LatencySummary;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One load run: starts the event loops, collects their histograms once a second (merging them, and
 * writing each interval to the {@code --hlog} file), and returns the {@link LoadResult}.
 *
 * <p>Threading: {@link #execute()} runs the whole run on the calling thread, which is the
 * reporter: it sleeps between intervals and never touches a socket. {@link #stop()} may be called
 * from any thread (e.g. a shutdown hook on Ctrl-C); the run then ends at once, reporting whatever
 * was in flight. A {@code LoadRun} runs once.
 *
 * <p>What is measured: requests whose intended start is at or after the end of the warmup; nothing
 * earlier is recorded or counted, so no reset is needed and no measured sample is lost at the
 * boundary. When the duration ends no request starts; the loops wait up to the timeout for the
 * answers already on their way (their latency is recorded; they do not count towards req/s, which
 * counts answers within the window), then report what is still unanswered as in flight.
 */
public final class LoadRun {

    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Open loop: fewer sends than scheduled by more than this fraction means the rate was not held. */
    static final double RATE_HELD_TOLERANCE = 0.01;
    /** Ready this much after --start-at is on time: a sleep overshoots by about a millisecond on a busy machine. */
    static final long LATE_TOLERANCE_NANOS = 10_000_000L;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String UNCORRECTED_TAG = "uncorrected";
    private static final String SEND_LAG_TAG = "sendLag";

    private final LoadOptions options;
    private final NanoClock clock;
    private Path hlogFile;
    private RunListener listener = RunListener.NONE;
    private volatile boolean stopRequested;
    private volatile EventLoop[] loops;
    private long lateNanos;

    public LoadRun(LoadOptions options) {
        this(options, NanoClock.SYSTEM);
    }

    LoadRun(LoadOptions options, NanoClock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Writes every measured interval to {@code file} in HdrHistogram's interval-log format. */
    public LoadRun withHistogramLog(Path file) {
        this.hlogFile = file;
        return this;
    }

    public LoadRun withListener(RunListener l) {
        this.listener = l;
        return this;
    }

    /** Ends the run now, from any thread; {@link #execute()} then returns what was measured so far. */
    public void stop() {
        stopRequested = true;
        EventLoop[] ls = loops;
        if (ls != null) {
            for (EventLoop l : ls) {
                l.stop();
            }
        }
    }

    /**
     * Runs to the end. A problem the user can fix (an unresolvable host, a connection count the
     * machine cannot hold) is an {@link IllegalArgumentException} thrown before anything opens.
     */
    public LoadResult execute() throws IOException, InterruptedException {
        int mine = options.segmentConnections();
        SystemLimits.check(mine, options.threads(), Math.max(1, options.sourceAddresses().size()));
        checkSourceAddresses();
        InetSocketAddress address = resolve(options.target());
        byte[] request = RequestEncoder.encode(options.target(), options.headers());
        int t = options.threads();
        CountDownLatch finished = new CountDownLatch(t);
        Long timeWaitBefore = TimeWaitSockets.towards(address);
        long start = awaitStart();
        RunPlan plan = RunPlan.of(options, address, start);
        int[] connections = options.segment().connectionsOf(options.connections());
        long requests = options.segment().shareOf(options.requests());
        EventLoop[] ls = new EventLoop[t];
        for (int i = 0; i < t; i++) {
            ls[i] = new EventLoop(plan, clock, indicesOf(i, t, connections), request, budgetOf(i, t, requests), finished);
        }
        try (HistogramLog hlog = hlogFile == null ? null : new HistogramLog(hlogFile)) {
            loops = ls;
            if (stopRequested) {
                stop();
            }
            for (int i = 0; i < t; i++) {
                Thread th = new Thread(ls[i], "cb-load-" + i);
                th.setDaemon(true);   // a loop stuck in a bug must not keep the JVM alive after the summary
                th.start();
            }
            try {
                return report(plan, ls, finished, hlog, timeWaitBefore);
            } catch (RuntimeException | Error | InterruptedException e) {
                stop();                 // never leave loops running behind a failed report
                throw e;
            }
        }
    }

    /**
     * When the run starts, as a {@link NanoClock} reading: now, or with {@code --start-at} the common
     * start minus the warmup, waited for. An agent ready only after that keeps the common start (its
     * intended times count from it, so its lateness shows as latency) and records how late it was.
     */
    private long awaitStart() throws InterruptedException {
        long now = clock.nanoTime();
        if (options.startAtEpochMillis() == 0) {
            return now;
        }
        long start = now + (options.startAtEpochMillis() - System.currentTimeMillis()) * NANOS_PER_MILLI - options.warmupNanos();
        while (!stopRequested && start - (now = clock.nanoTime()) > 0) {
            listener.warmingUp(start - now + options.warmupNanos());
            TimeUnit.NANOSECONDS.sleep(Math.min(start - now, INTERVAL_NANOS));
        }
        long late = now - start;
        lateNanos = late > LATE_TOLERANCE_NANOS ? late : 0;
        return start;
    }

    /** How late this process was ready for {@code --start-at}; 0 when within {@link #LATE_TOLERANCE_NANOS} or not given. Valid after {@link #execute()} started. */
    public long lateNanos() {
        return lateNanos;
    }

    /** Every --source-addresses entry must be an address of this machine: a bind says so before any connect. */
    private void checkSourceAddresses() throws IOException {
        for (InetAddress a : options.sourceAddresses()) {
            try (SocketChannel probe = SocketChannel.open()) {
                probe.bind(new InetSocketAddress(a, 0));
            } catch (java.net.BindException e) {
                throw new IllegalArgumentException("--source-addresses: cannot bind to " + a.getHostAddress()
                        + ", it is not an address of this machine (" + e.getMessage() + ")");
            }
        }
    }

    private LoadResult report(RunPlan plan, EventLoop[] ls, CountDownLatch finished, HistogramLog hlog,
                              Long timeWaitBefore) throws InterruptedException {
        List<LoadResult.Interval> intervals = new ArrayList<>();
        long warmupFrom = clock.nanoTime();
        long warmupBefore = 0;
        while (clock.nanoTime() - plan.measureStartNanos() < 0 && finished.getCount() > 0) {
            long now = clock.nanoTime();
            long remaining = plan.measureStartNanos() - now;
            listener.warmingUp(Math.max(0, remaining));
            long ahead = (remaining - 1) / INTERVAL_NANOS;     // the next tick: whole seconds before the window
            long tick = plan.measureStartNanos() - ahead * INTERVAL_NANOS;
            finished.await(Math.min(tick - now, INTERVAL_NANOS), TimeUnit.NANOSECONDS);
            if (clock.nanoTime() - tick >= 0 && tick - warmupFrom > 0) {
                long answered = sum(ls, Tally.WARMUP_RESPONSES);
                intervals.add(new LoadResult.Interval((int) -(ahead + 1), tick - warmupFrom, answered - warmupBefore,
                        (answered - warmupBefore) * NANOS_PER_SECOND / (tick - warmupFrom), null, null, null));
                warmupBefore = answered;
                warmupFrom = tick;
            }
        }
        long wallStart = clock.nanoTime();
        long cpuStart = processCpuNanos();
        long epochStartMillis = System.currentTimeMillis() - (wallStart - plan.measureStartNanos()) / NANOS_PER_MILLI;
        if (hlog != null) {
            hlog.begin(epochStartMillis);
        }
        Merger merger = new Merger(ls, plan.openLoop());
        long intervalStart = plan.measureStartNanos();
        long nextTick = intervalStart + INTERVAL_NANOS;
        long responsesBefore = 0;
        int second = 0;
        while (!finished.await(Math.max(0, nextTick - clock.nanoTime()), TimeUnit.NANOSECONDS)) {
            merger.collect();
            if (hlog != null) {
                hlog.interval(merger, epochStartMillis, intervalStart - plan.measureStartNanos(), nextTick - plan.measureStartNanos());
            }
            long responses = sum(ls, Tally.RESPONSES);
            intervals.add(interval(second++, nextTick - intervalStart, responses - responsesBefore, merger));
            listener.progress(new RunListener.Progress(nextTick - plan.measureStartNanos(),
                    (responses - responsesBefore) * NANOS_PER_SECOND / INTERVAL_NANOS,
                    merger.totalCorrected.getValueAtPercentile(99), errors(ls).total()));
            responsesBefore = responses;
            intervalStart = nextTick;
            nextTick += INTERVAL_NANOS;
        }
        long wallEnd = clock.nanoTime();
        long cpuEnd = processCpuNanos();
        merger.collect();
        if (hlog != null && merger.intervalCorrected.getTotalCount() + merger.intervalUncorrected.getTotalCount() > 0) {
            hlog.interval(merger, epochStartMillis, intervalStart - plan.measureStartNanos(), wallEnd - plan.measureStartNanos());
        }
        long tail = sum(ls, Tally.RESPONSES) - responsesBefore;
        LoadResult.Interval last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
        if (wallEnd - intervalStart >= INTERVAL_NANOS / 2 || last == null || last.warmup()) {
            if (wallEnd - intervalStart > 0) {
                intervals.add(interval(second, wallEnd - intervalStart, tail, merger));
            }
        } else if (tail > 0) {      // a sliver of a second would show a rate from a few answers: fold it into the last
            long nanos = last.nanos() + wallEnd - intervalStart;
            intervals.set(intervals.size() - 1, new LoadResult.Interval(last.second(), nanos, last.responses() + tail,
                    (last.responses() + tail) * NANOS_PER_SECOND / nanos, last.p50Nanos(), last.p99Nanos(),
                    last.p99UncorrectedNanos()));
        }
        for (EventLoop l : ls) {
            if (l.failure() != null) {
                throw new IllegalStateException("an event loop failed: " + l.failure(), l.failure());
            }
        }
        LoadResult.Connects connects = new LoadResult.Connects(sum(ls, Tally.CONNECTS_OPENED),
                sum(ls, Tally.CONNECTS_PORTS_EXHAUSTED), sum(ls, Tally.CONNECTS_REFUSED), sum(ls, Tally.CONNECTS_TIMED_OUT),
                sum(ls, Tally.CONNECTS_OTHER), timeWaitBefore, TimeWaitSockets.towards(plan.address()));
        return result(plan, ls, merger, epochStartMillis,
                ClientCpu.of(cpuEnd - cpuStart, wallEnd - wallStart, Runtime.getRuntime().availableProcessors()), connects,
                intervals);
    }

    /** One measured second, from the interval histograms the merger has just collected. */
    private static LoadResult.Interval interval(int second, long nanos, long responses, Merger m) {
        boolean any = m.intervalCorrected.getTotalCount() > 0;
        return new LoadResult.Interval(second, nanos, responses, nanos > 0 ? responses * NANOS_PER_SECOND / nanos : 0,
                any ? m.intervalCorrected.getValueAtPercentile(50) : null,
                any ? m.intervalCorrected.getValueAtPercentile(99) : null,
                m.intervalUncorrected.getTotalCount() > 0 ? m.intervalUncorrected.getValueAtPercentile(99) : null);
    }

    private LoadResult result(RunPlan plan, EventLoop[] ls, Merger merger, long epochStartMillis, ClientCpu cpu,
                              LoadResult.Connects connects, List<LoadResult.Interval> intervals) {
        long windowEnd = Long.MIN_VALUE;
        for (EventLoop l : ls) {
            windowEnd = Math.max(windowEnd, l.endedAtNanos());
        }
        if (plan.endNanos() != Long.MAX_VALUE && windowEnd - plan.endNanos() > 0) {
            windowEnd = plan.endNanos();
        }
        long window = Math.max(0, windowEnd - plan.measureStartNanos());
        double seconds = window / NANOS_PER_SECOND;
        long sent = sum(ls, Tally.SENT);
        long unsent = 0;
        long inFlight = 0;
        for (EventLoop l : ls) {
            unsent += l.unsentDue();
            inFlight += l.inFlightAtEnd();
        }
        long scheduled = sent + unsent;
        boolean rateHeld = !options.openLoop() || sent >= scheduled * (1 - RATE_HELD_TOLERANCE);
        int mine = options.segmentConnections();
        // The segment's share of the rate: its connections' share of the evenly spaced stream.
        double rate = options.ratePerSecond() * mine / options.connections();
        long responses = sum(ls, Tally.RESPONSES);
        List<LoadResult.Agent> agents = options.segment().whole() && options.startAtEpochMillis() == 0 ? null
                : List.of(new LoadResult.Agent(options.segment().toString(),
                        options.startAtEpochMillis() == 0 ? null : options.startAtEpochMillis(), lateNanos, mine, rate,
                        responses, rateHeld, cpu));
        return new LoadResult(toolName(), options.target().url(), options.openLoop() ? LoadResult.OPEN : LoadResult.CLOSED,
                mine, options.threads(), options.pipeline(), rate,
                options.warmupNanos(), window, responses,
                seconds > 0 ? sum(ls, Tally.RESPONSES_IN_WINDOW) / seconds : 0, sent, seconds > 0 ? sent / seconds : 0,
                scheduled, rateHeld, inFlight, sum(ls, Tally.BYTES_READ),
                LatencySummary.of(merger.totalCorrected), LatencySummary.of(merger.totalUncorrected), errors(ls), cpu,
                System.getProperty("java.vm.name") + " " + Runtime.version(), epochStartMillis,
                plan.openLoop() ? LatencySummary.of(merger.totalSendLag) : null, connects, List.copyOf(intervals), agents);
    }

    static String toolName() {
        String v = LoadRun.class.getPackage().getImplementationVersion();
        return "concbench load " + (v == null ? "dev" : v);
    }

    private static long sum(EventLoop[] ls, int counter) {
        long n = 0;
        for (EventLoop l : ls) {
            n += l.tally.get(counter);
        }
        return n;
    }

    private static ErrorCounts errors(EventLoop[] ls) {
        ErrorCounts e = ErrorCounts.NONE;
        for (EventLoop l : ls) {
            e = e.plus(l.tally.errors());
        }
        return e;
    }

    /**
     * The k-th of this process's connections (run-wide numbers, ascending) belongs to loop k mod t,
     * so a connect ramp and the open-loop phases spread evenly over loops.
     */
    static int[] indicesOf(int loop, int loops, int[] connections) {
        int n = connections.length / loops + (loop < connections.length % loops ? 1 : 0);
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = connections[loop + k * loops];
        }
        return idx;
    }

    private static long budgetOf(int loop, int loops, long requests) {
        if (requests == 0) {
            return Long.MAX_VALUE;
        }
        return requests / loops + (loop < requests % loops ? 1 : 0);
    }

    private static InetSocketAddress resolve(HttpTarget target) {
        try {
            return new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + target.host() + "' of " + target.url());
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** The per-loop interval histograms, merged, and the running totals. Reporter thread only. */
    private static final class Merger {
        private final EventLoop[] loops;
        private final boolean openLoop;
        private final Histogram[] recycledCorrected;
        private final Histogram[] recycledUncorrected;
        private final Histogram[] recycledSendLag;
        final Histogram intervalCorrected = newHistogram();
        final Histogram intervalUncorrected = newHistogram();
        final Histogram intervalSendLag = newHistogram();
        final Histogram totalCorrected = newHistogram();
        final Histogram totalUncorrected = newHistogram();
        final Histogram totalSendLag = newHistogram();

        Merger(EventLoop[] loops, boolean openLoop) {
            this.loops = loops;
            this.openLoop = openLoop;
            this.recycledCorrected = new Histogram[loops.length];
            this.recycledUncorrected = new Histogram[loops.length];
            this.recycledSendLag = new Histogram[loops.length];
        }

        void collect() {
            intervalCorrected.reset();
            intervalUncorrected.reset();
            intervalSendLag.reset();
            for (int i = 0; i < loops.length; i++) {
                recycledCorrected[i] = loops[i].intervalCorrected(recycledCorrected[i]);
                intervalCorrected.add(recycledCorrected[i]);
                if (openLoop) {
                    recycledUncorrected[i] = loops[i].intervalUncorrected(recycledUncorrected[i]);
                    intervalUncorrected.add(recycledUncorrected[i]);
                    recycledSendLag[i] = loops[i].intervalSendLag(recycledSendLag[i]);
                    intervalSendLag.add(recycledSendLag[i]);
                }
            }
            if (!openLoop) {
                intervalUncorrected.add(intervalCorrected);   // in a closed loop they are the same samples
            }
            totalCorrected.add(intervalCorrected);
            totalUncorrected.add(intervalUncorrected);
            totalSendLag.add(intervalSendLag);
        }

        private static Histogram newHistogram() {
            return new Histogram(1, EventLoop.HIGHEST_TRACKABLE_NANOS, EventLoop.SIGNIFICANT_DIGITS);
        }
    }

    /**
     * The {@code --hlog} file: HdrHistogram's interval-log format, readable by HistogramLogProcessor
     * and HistogramLogReader. Values are nanoseconds. Each interval is written twice: untagged, the
     * latency the summary shows (corrected in open loop), and tagged {@code uncorrected}; in open
     * loop a third time, tagged {@code sendLag}: how late each request left.
     */
    private static final class HistogramLog implements AutoCloseable {
        private final PrintStream out;
        private final HistogramLogWriter writer;

        HistogramLog(Path file) throws IOException {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            out = new PrintStream(new FileOutputStream(file.toFile()), false, StandardCharsets.US_ASCII);
            writer = new HistogramLogWriter(out);
        }

        void begin(long epochStartMillis) {
            writer.outputComment("[Logged with " + toolName() + "; values in nanoseconds; untagged: latency as the"
                    + " summary shows it (corrected in open loop); tag " + UNCORRECTED_TAG + ": from actual send;"
                    + " tag " + SEND_LAG_TAG + ": actual send minus intended start, open loop only]");
            writer.outputLogFormatVersion();
            writer.outputStartTime(epochStartMillis);
            writer.setBaseTime(epochStartMillis);
            writer.outputLegend();
        }

        void interval(Merger m, long epochStartMillis, long fromNanos, long toNanos) {
            stamp(m.intervalCorrected, epochStartMillis, fromNanos, toNanos, null);
            writer.outputIntervalHistogram(m.intervalCorrected);
            stamp(m.intervalUncorrected, epochStartMillis, fromNanos, toNanos, UNCORRECTED_TAG);
            writer.outputIntervalHistogram(m.intervalUncorrected);
            if (m.openLoop) {
                stamp(m.intervalSendLag, epochStartMillis, fromNanos, toNanos, SEND_LAG_TAG);
                writer.outputIntervalHistogram(m.intervalSendLag);
            }
            out.flush();
        }

        private static void stamp(Histogram h, long epochStartMillis, long fromNanos, long toNanos, String tag) {
            h.setStartTimeStamp(epochStartMillis + fromNanos / NANOS_PER_MILLI);
            h.setEndTimeStamp(epochStartMillis + toNanos / NANOS_PER_MILLI);
            h.setTag(tag);
        }

        @Override
        public void close() {
            out.flush();
            out.close();
        }
    }
}
