package io.concbench.loadgen.cli;

import io.concbench.loadgen.RunListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live line on a terminal's stderr, rewritten in place once a second: elapsed, req/s, p99 so
 * far, errors. Called on the reporter thread only.
 */
final class ProgressLine implements RunListener {

    /** Wide enough to blank any line this class writes. */
    private static final int WIDTH = 78;
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrintWriter err;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void warmingUp(long remainingNanos) {
        show(String.format(Locale.ROOT, "warming up, %.0f s to go", Math.ceil(remainingNanos / NANOS_PER_SECOND)));
    }

    @Override
    public void progress(Progress p) {
        show(String.format(Locale.ROOT, "%5.0f s  %,12.0f req/s  p99 %s  errors %,d", p.elapsedNanos() / NANOS_PER_SECOND,
                p.requestsPerSecond(), LoadSummary.millis(p.p99Nanos()), p.errors()));
    }

    private void show(String line) {
        err.print("\r" + String.format("%-" + WIDTH + "s", line));
        err.flush();
    }

    /** Blanks the line so the summary starts clean. */
    static void clear(PrintWriter err) {
        err.print("\r" + " ".repeat(WIDTH) + "\r");
        err.flush();
    }
}
