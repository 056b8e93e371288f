package io.concbench.model.multiprocess;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The supervisor's knobs, every default in one place. {@link #of} reads the ones a user types
 * ({@code --inner}, {@code --inner-workers}, {@code --ready-timeout-seconds}, {@code --cds}, {@code --standby}); every other model
 * option is handed to the inner model in each worker, which rejects what it does not know.
 *
 * @param inner the model each worker runs
 * @param innerWorkers {@code --workers} for the inner model in each worker; 0 is that model's default
 * @param readyTimeout how long all workers together may take to print READY, at start and on restart
 * @param statsTimeout how long a worker may take to answer {@code stats}
 * @param gcTimeout how long a worker may take to answer {@code gc} (two full collections)
 * @param stopGrace how long a worker may take to stop after {@code stop} before it gets SIGTERM,
 *                  and again after SIGTERM before SIGKILL
 * @param restartBackoff pause after a replacement worker failed to start, so a worker that cannot
 *                       start does not make the supervisor spin
 * @param cds whether workers start from a class-data archive made once ({@link WorkerArchive}); {@code --cds off} turns it off
 * @param standby whether one extra worker JVM waits, started but not listening, to replace a worker that dies
 *                ({@code --standby on}); it costs one idle JVM, counted in the process tree's memory
 * @param innerOptions options for the inner model, passed to each worker as {@code --key=value}
 */
record MultiprocessOptions(String inner, int innerWorkers, Duration readyTimeout, Duration statsTimeout,
                           Duration gcTimeout, Duration stopGrace, Duration restartBackoff,
                           boolean cds, boolean standby, Map<String, String> innerOptions) {

    static final String NAME = "multiprocess";
    static final String DEFAULT_INNER = "reactor";
    /** One event loop per worker: the process is the unit of parallelism, as in nginx. */
    static final int DEFAULT_REACTOR_LOOPS = 1;
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STATS_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_GC_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);
    static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
    /**
     * Each worker is a whole JVM of tens of megabytes and a second of start-up; more than this is a
     * typo rather than a benchmark.
     */
    static final int MAX_WORKERS = 256;

    static final String INNER = "inner";
    static final String INNER_WORKERS = "inner-workers";
    static final String READY_TIMEOUT_SECONDS = "ready-timeout-seconds";
    static final String CDS = "cds";
    static final String STANDBY = "standby";

    MultiprocessOptions {
        if (inner == null || inner.isBlank()) {
            throw new IllegalArgumentException("--inner needs a model name, e.g. --inner reactor");
        }
        if (inner.equals(NAME)) {
            throw new IllegalArgumentException("--inner multiprocess would start supervisors inside workers;"
                    + " choose a single-process model, e.g. --inner reactor");
        }
        if (innerWorkers < 0) {
            throw new IllegalArgumentException("--inner-workers must be 0 (the inner model's default) or more, got " + innerWorkers);
        }
        for (Duration d : new Duration[] {readyTimeout, statsTimeout, gcTimeout, stopGrace, restartBackoff}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + d);
            }
        }
        innerOptions = Map.copyOf(innerOptions);
    }

    /** Reads the model options of {@code serve --model multiprocess}. */
    static MultiprocessOptions of(Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        String inner = rest.remove(INNER);
        String innerWorkers = rest.remove(INNER_WORKERS);
        String readySeconds = rest.remove(READY_TIMEOUT_SECONDS);
        boolean cds = onOff(CDS, rest.remove(CDS), true);
        boolean standby = onOff(STANDBY, rest.remove(STANDBY), false);
        String innerModel = inner == null ? DEFAULT_INNER : inner;
        int workers = innerWorkers == null
                ? (innerModel.equals(DEFAULT_INNER) ? DEFAULT_REACTOR_LOOPS : 0)
                : wholeNumber(INNER_WORKERS, innerWorkers);
        Duration ready = DEFAULT_READY_TIMEOUT;
        if (readySeconds != null) {
            int seconds = wholeNumber(READY_TIMEOUT_SECONDS, readySeconds);
            if (seconds < 1) {
                throw new IllegalArgumentException("--" + READY_TIMEOUT_SECONDS + " must be at least 1, got " + seconds);
            }
            ready = Duration.ofSeconds(seconds);
        }
        return new MultiprocessOptions(innerModel, workers, ready, DEFAULT_STATS_TIMEOUT, DEFAULT_GC_TIMEOUT,
                DEFAULT_STOP_GRACE, DEFAULT_RESTART_BACKOFF, cds, standby, rest);
    }

    private static boolean onOff(String option, String value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (!value.equals("on") && !value.equals("off")) {
            throw new IllegalArgumentException("--" + option + " must be on or off, got '" + value + "'");
        }
        return value.equals("on");
    }

    private static int wholeNumber(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number, got '" + value + "'");
        }
    }
}
