package io.concbench.report;

import io.concbench.harness.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwitchColumnsTest {

    private static RunResult with(RunResult.ServerFigures server) {
        RunResult r = Fixtures.load("thread-per-connection", "plaintext", 100, 1, 1, 1000, 1_000_000);
        return new RunResult(r.schema(), r.model(), r.workload(), r.target(), r.connections(), r.rate(), r.repeat(),
                r.ok(), r.failure(), r.startedAt(), r.environment(), r.load(), server, r.serverStats(), r.memory());
    }

    @Test
    void anOlderNegativeLiveThreadFigureIsNoCount() {
        RunResult r = with(new RunResult.ServerFigures(1, 1, -0.0341, 0.002, 1, 1, 1, List.of()));
        assertTrue(Double.isNaN(Metric.VOLUNTARY_SWITCHES_PER_REQUEST.of(r)));
        assertEquals(0.002, Metric.INVOLUNTARY_SWITCHES_PER_REQUEST.of(r));
        assertTrue(Double.isNaN(Metric.PERF_CONTEXT_SWITCHES_PER_REQUEST.of(r)));
    }

    @Test
    void absentFiguresAreDashesAndTheSourceIsNamed() {
        RunResult rusage = with(new RunResult.ServerFigures(1, 1, 5.4, 1.9, 1, 1, 1, List.of(),
                RunResult.ServerFigures.SWITCHES_RUSAGE, 7.4, 0.0));
        RunResult live = with(new RunResult.ServerFigures(1, 1, null, null, 1, 1, 1, List.of(),
                RunResult.ServerFigures.SWITCHES_LIVE_THREADS, null, null));
        assertEquals(7.4, Metric.PERF_CONTEXT_SWITCHES_PER_REQUEST.of(rusage));
        String md = MarkdownSummary.render(Matrix.of(List.of(rusage)));
        assertTrue(md.contains("5.40 / 1.90 (perf 7.40)"), md);
        String mdLive = MarkdownSummary.render(Matrix.of(List.of(live)));
        assertTrue(mdLive.contains(Units.NONE + " / " + Units.NONE + " (live threads)"), mdLive);
    }
}
