package io.concbench.loadgen;

import io.concbench.harness.result.ErrorClass;
import io.concbench.harness.result.ErrorCounts;
import io.concbench.harness.result.LoadResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against purpose-built servers. Assertions are on counts, or on what the
 * server imposes (a 5 ms answer is never faster than 5 ms), never on how fast the client is.
 */
class LoadRunTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    static LoadResult run(LoadOptions o) throws Exception {
        return new LoadRun(o).execute();
    }

    static LoadOptions closed(TestServer s, int connections) {
        return LoadOptions.defaults(s.url("/")).withConnections(connections);
    }

    @Test
    void fiveMillisecondServerHasP50BetweenFiveAndSixAndAHalfMillisecondsClosedLoop() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(5 * MS))) {
            LoadResult r = run(closed(s, 4).withRequests(400));
            assertEquals(400, r.requests());
            long p50 = r.latency().p50Nanos();
            assertTrue(p50 >= 5 * MS && p50 <= 6_500_000, "p50 " + p50 / 1e6 + " ms");
        }
    }

    @Test
    void fiveMillisecondServerHasP50BetweenFiveAndSixAndAHalfMillisecondsOpenLoop() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(5 * MS))) {
            // 4 connections at 100/s in total: each sends every 40 ms, far below what 5 ms answers allow.
            LoadResult r = run(closed(s, 4).withRate(100).withDuration(Duration.ofSeconds(2)));
            long u50 = r.uncorrectedLatency().p50Nanos();
            assertTrue(u50 >= 5 * MS && u50 <= 6_500_000, "uncorrected p50 " + u50 / 1e6 + " ms");
            // Corrected adds how late each send left, which is up to the machine's scheduler: only its floor is certain.
            assertTrue(r.latency().p50Nanos() >= u50, "corrected p50 " + r.latency().p50Nanos() / 1e6 + " ms");
        }
    }

    /** Every connection of the server freezes for {@code stallNanos} when request {@code atRequest} arrives, as in a GC pause. */
    static TestServer.Handler stallingOnce(long atRequest, long stallNanos) {
        AtomicLong stallUntil = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        return (sock, in, out, server) -> {
            while (server.readRequest(in)) {
                if (server.requests.get() >= atRequest && stalled.compareAndSet(false, true)) {
                    stallUntil.set(System.nanoTime() + stallNanos);
                }
                long wait;
                while ((wait = stallUntil.get() - System.nanoTime()) > 0) {
                    TestServer.sleepNanos(wait);
                }
                out.write(TestServer.OK);
                out.flush();
            }
        };
    }

    private static long atLeast(Histogram h, long nanos) {
        return h.getCountBetweenValues(nanos, h.getMaxValue() + 1);
    }

    @Test
    void openLoopCorrectedHistogramHoldsTheStallThatUncorrectedAndClosedLoopHide() throws Exception {
        int connections = 4;
        long stall = 500 * MS;
        long threshold = 250 * MS;
        LoadResult open;
        try (TestServer s = TestServer.start(stallingOnce(200, stall))) {
            // 200/s: the stall comes about a second in, and 100 requests are due during it.
            open = run(closed(s, connections).withRate(200).withDuration(Duration.ofSeconds(3)));
        }
        LoadResult closed;
        try (TestServer s = TestServer.start(stallingOnce(200, stall))) {
            closed = run(closed(s, connections).withDuration(Duration.ofSeconds(2)));
        }
        Histogram corrected = open.latency().decodeHistogram();
        Histogram uncorrected = open.uncorrectedLatency().decodeHistogram();
        Histogram closedLoop = closed.latency().decodeHistogram();
        // Requests intended during the first half of the stall waited at least 250 ms: about 50 of them.
        assertTrue(atLeast(corrected, threshold) >= 30, "corrected samples >= 250 ms: " + atLeast(corrected, threshold));
        // Measured from the actual send, only the requests already on the wire when it froze saw it.
        assertTrue(atLeast(uncorrected, threshold) <= connections, "uncorrected samples >= 250 ms: " + atLeast(uncorrected, threshold));
        // A closed loop stops sending while the server is frozen: one slow sample per connection, among thousands.
        assertTrue(atLeast(closedLoop, threshold) <= connections, "closed-loop samples >= 250 ms: " + atLeast(closedLoop, threshold));
        assertTrue(closedLoop.getTotalCount() > 1_000, "closed loop ran: " + closedLoop.getTotalCount());
        assertTrue(corrected.getValueAtPercentile(99) >= threshold, "open-loop corrected p99 shows the stall");
        assertTrue(closedLoop.getValueAtPercentile(99) < threshold, "closed-loop p99 hides it");
    }

    @Test
    void exactRequestCountReachesTheServerAndTheResult() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult r = run(closed(s, 8).withRequests(5_000));
            assertEquals(5_000, s.requests.get());
            assertEquals(5_000, r.requests());
            assertEquals(5_000, r.sent());
            assertEquals(5_000, r.latency().count());
            assertEquals(ErrorCounts.NONE, r.errors());
            assertEquals(0, r.inFlightAtEnd());
        }
    }

    @Test
    void exactRequestCountHoldsWithSeveralLoopsAndPipelining() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult r = run(closed(s, 6).withThreads(3).withPipeline(8).withRequests(4_001));
            assertEquals(4_001, s.requests.get());
            assertEquals(4_001, r.requests());
            assertEquals(ErrorCounts.NONE, r.errors());
        }
    }

    @Test
    void warmupRequestsAreSentButNotCounted() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(MS))) {
            LoadResult r = run(closed(s, 2).withWarmup(Duration.ofMillis(300)).withRequests(200));
            assertEquals(200, r.requests());
            assertEquals(200, r.latency().count());
            assertTrue(s.requests.get() > 200, "warmup reached the server too: " + s.requests.get());
        }
    }

    @Test
    void everySecondIsRecordedWarmupSecondsNegativeAndWithoutLatency() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(MS))) {
            LoadResult r = run(closed(s, 2).withWarmup(Duration.ofSeconds(1)).withDuration(Duration.ofSeconds(2)));
            assertEquals(java.util.List.of(-1, 0, 1), r.intervals().stream().map(LoadResult.Interval::second).toList());
            LoadResult.Interval warm = r.intervals().get(0);
            assertTrue(warm.warmup() && warm.responses() > 0 && warm.p99Nanos() == null, warm.toString());
            long measured = 0;
            for (LoadResult.Interval i : r.intervals().subList(1, 3)) {
                assertTrue(i.responses() > 0 && i.p50Nanos() >= MS && i.p99Nanos() >= i.p50Nanos(), i.toString());
                measured += i.responses();
            }
            assertEquals(r.requests(), measured, "the measured seconds hold every answer");
        }
    }

    @Test
    void connectionCloseAnswersReconnectWithoutErrors() throws Exception {
        byte[] closing = TestServer.response(200, "Connection: close\r\n", "bye");
        TestServer.Handler h = (sock, in, out, server) -> {
            if (server.readRequest(in)) {
                out.write(closing);
                out.flush();
            }
        };
        try (TestServer s = TestServer.start(h)) {
            LoadResult r = run(closed(s, 2).withRequests(50));
            assertEquals(50, r.requests());
            assertEquals(ErrorCounts.NONE, r.errors());
            assertEquals(50, s.requests.get());
            // Every answer closed its connection; one more may open that the last request did not need.
            assertTrue(s.connections.get() >= 50 && s.connections.get() <= 51, "connections " + s.connections.get());
        }
    }

    @Test
    void everySentRequestEndsInExactlyOnePlace() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult r = run(closed(s, 8).withPipeline(4).withDuration(Duration.ofMillis(700)));
            ErrorCounts e = r.errors();
            assertEquals(r.sent(), r.requests() + e.get(ErrorClass.READ) + e.get(ErrorClass.WRITE) + e.get(ErrorClass.TIMEOUT)
                    + e.get(ErrorClass.CLOSED_BY_PEER) + r.inFlightAtEnd());
            assertTrue(r.requests() > 0);
        }
    }

    @Test
    void rateBelowConnectionCountOpensEveryConnectionAndKeepsTheAggregateSchedule() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            // 40 connections at 20/s in total: each sends once every 2 s, staggered by 50 ms.
            LoadResult r = run(closed(s, 40).withRate(20).withDuration(Duration.ofSeconds(2)));
            assertEquals(40, s.connections.get(), "every connection opened");
            assertEquals(40, r.scheduled(), "one request per connection in 2 s");
            assertEquals(r.sent(), r.requests());
        }
    }

    @Test
    void openLoopScheduleIsExactAcrossLoopsAndEverySentRequestIsAnswered() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult r = run(closed(s, 5).withThreads(2).withRate(500).withDuration(Duration.ofSeconds(1)));
            assertEquals(500, r.scheduled());
            assertEquals(r.sent(), r.requests());
            assertEquals(r.sent(), s.requests.get());
        }
    }

    @Test
    void aRateTheServerCannotAnswerIsReportedAsNotHeld() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(20 * MS))) {
            // One connection answered in 20 ms can carry 50/s; ask for 200/s.
            LoadResult r = run(closed(s, 1).withRate(200).withDuration(Duration.ofSeconds(1)));
            assertTrue(!r.rateHeld(), "sent " + r.sent() + " of " + r.scheduled());
            assertTrue(r.sent() < r.scheduled() / 2);
        }
    }

    @Test
    void theEventLoopAllocatesNothingPerRequest() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.List<Double> bytesPerRequest = new java.util.ArrayList<>();
        long[] before = {-1};
        RunListener watch = new RunListener() {
            @Override
            public void progress(Progress p) {
                long allocated = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("cb-load-0"))
                        .mapToLong(t -> threads.getThreadAllocatedBytes(t.threadId())).findFirst().orElse(-1);
                if (before[0] >= 0 && allocated >= 0 && p.requestsPerSecond() > 0) {
                    bytesPerRequest.add((allocated - before[0]) / p.requestsPerSecond());
                }
                before[0] = allocated;
            }
        };
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            new LoadRun(closed(s, 8).withPipeline(2).withDuration(Duration.ofMillis(3_500))).withListener(watch).execute();
        }
        // Once compiled, a second of requests allocates (almost) nothing on the loop thread.
        double best = bytesPerRequest.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(best < 1, "bytes allocated per request " + bytesPerRequest);
    }

    /** Reads requests and never answers, holding the connection open for longer than any test. */
    private static final TestServer.Handler SILENT = (sock, in, out, server) -> {
        while (server.readRequest(in)) {
            Thread.sleep(10_000);
        }
    };

    @Test
    void requestsUnansweredWhenTheRunEndsAreReportedInFlightNotDropped() throws Exception {
        try (TestServer s = TestServer.start(SILENT)) {
            // The run ends at 300 ms and waits up to the 400 ms timeout for answers that never come.
            LoadResult r = run(closed(s, 3).withDuration(Duration.ofMillis(300)).withTimeout(Duration.ofMillis(400)));
            assertEquals(3, r.sent());
            assertEquals(0, r.requests());
            assertEquals(3, r.inFlightAtEnd());
            assertEquals(ErrorCounts.NONE, r.errors());
        }
    }

    @Test
    void stopEndsTheRunAtOnceAndReportsWhatWasInFlight() throws Exception {
        try (TestServer s = TestServer.start(SILENT)) {
            LoadRun run = new LoadRun(closed(s, 2).withDuration(Duration.ofSeconds(30)));
            Thread stopper = new Thread(() -> {
                try {
                    // Stop once both requests are at the server, however slowly a busy machine got them there.
                    while (s.requests.get() < 2) {
                        Thread.sleep(10);
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                run.stop();
            });
            stopper.start();
            long t0 = System.nanoTime();
            LoadResult r = run.execute();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "stopped well before its 30 s");
            assertEquals(2, r.inFlightAtEnd());
            assertTrue(r.durationNanos() < TimeUnit.SECONDS.toNanos(10), "the window ends at the stop");
        }
    }

    @Test
    void openLoopRecordsOneSendLagPerMeasuredRequestAndClosedLoopNone() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult open = run(closed(s, 4).withRate(200).withDuration(Duration.ofMillis(500))
                    .withWarmup(Duration.ofMillis(100)));
            assertEquals(open.sent(), open.sendLag().count(), "one send lag per measured request, warmup excluded");
            assertTrue(open.sendLag().maxNanos() <= open.latency().maxNanos() + MS,
                    "a send lag is part of the corrected latency");
            LoadResult closedLoop = run(closed(s, 2).withRequests(20));
            assertEquals(null, closedLoop.sendLag(), "closed loop sends on each answer: no schedule to be late for");
        }
    }

    @Test
    void aConnectionBusyWithASlowAnswerIsNotTheClientsLateness() throws Exception {
        // One connection to a 20 ms server at 200/s: each request waits ~15 ms for the previous answer.
        try (TestServer s = TestServer.start(TestServer.answering(20 * MS))) {
            LoadResult r = run(closed(s, 1).withRate(200).withDuration(Duration.ofMillis(600)));
            assertTrue(r.latency().p50Nanos() > 10 * MS, "corrected p50 " + r.latency().p50Nanos() / 1e6 + " ms");
            // The send lag counts from the answer that freed the connection, so it stays far below that wait.
            assertTrue(r.sendLag().p50Nanos() < 10 * MS, "send lag p50 " + r.sendLag().p50Nanos() / 1e6 + " ms");
        }
    }

    @Test
    void theRunCountsItsConnectsAndLeavesNoTimeWaitBehind() throws Exception {
        try (TestServer s = TestServer.start(TestServer.answering(0))) {
            LoadResult r = run(closed(s, 50).withRequests(200));
            assertEquals(50, r.connects().opened());
            assertEquals(0, r.connects().failed());
            if (r.connects().timeWaitAfter() != null) {
                // Closed with SO_LINGER 0: reset, so no client socket towards the server waits out its 60 s.
                assertEquals(0, r.connects().timeWaitAfter());
            }
        }
    }

    @Test
    void aRefusedConnectIsNamedAsRefused() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        LoadResult r = run(LoadOptions.defaults("http://127.0.0.1:" + port + "/").withConnections(1)
                .withDuration(Duration.ofMillis(300)).withConnectRetryDelay(Duration.ofHours(1)));
        assertEquals(new LoadResult.Connects(0, 0, 1, 0, 0, r.connects().timeWaitBefore(), r.connects().timeWaitAfter()),
                r.connects());
    }
}
