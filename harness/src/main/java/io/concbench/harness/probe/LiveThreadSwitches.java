package io.concbench.harness.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fallback where {@link Rusage} is unavailable: context switches of a process tree from
 * {@code /proc/<pid>/task/<tid>/status}, made monotone. A thread that exits takes its counts out of
 * /proc, so the plain sum over live threads decreases under connection churn (thread-per-connection
 * read -0.0341 switches per request that way). This keeps each thread's last reading (its high-water
 * mark: a thread's counts only grow) after it is gone, so the sum never decreases. It still misses
 * what a thread did between its last reading and its exit, and threads that lived only between two
 * readings: label its figures "live threads".
 *
 * <p>A thread is keyed by tid and its start time (field 22 of its stat), so a tid the kernel reuses
 * counts as a new thread. Not thread-safe: one sampling thread calls {@link #read()}.
 */
public final class LiveThreadSwitches {

    /** The label for figures from this source. */
    public static final String SOURCE = "live threads";

    private static final int STARTTIME_FIELD = 22;

    private final long rootPid;
    private final Map<String, ContextSwitches> highWater = new HashMap<>();

    public LiveThreadSwitches(long rootPid) {
        this.rootPid = rootPid;
    }

    /** Reads every live thread of the tree now; returns the sum over every thread ever read, or empty when the root is gone. */
    public Optional<ContextSwitches> read() {
        if (!Files.isDirectory(Path.of("/proc", Long.toString(rootPid), "task"))) {
            return Optional.empty();
        }
        List<Long> pids = new java.util.ArrayList<>(List.of(rootPid));
        ProcessHandle.of(rootPid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        for (long pid : pids) {
            readProcess(pid);
        }
        ContextSwitches sum = ContextSwitches.ZERO;
        for (ContextSwitches c : highWater.values()) {
            sum = sum.plus(c);
        }
        return Optional.of(sum);
    }

    private void readProcess(long pid) {
        try (var dir = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : dir) {
                try {
                    String status = Files.readString(task.resolve("status"));
                    String stat = Files.readString(task.resolve("stat"));
                    String key = task.getFileName() + "@" + ProcFields.statField(stat, STARTTIME_FIELD);
                    ContextSwitches now = new ContextSwitches(
                            ProcFields.field(status, "voluntary_ctxt_switches").orElse(0),
                            ProcFields.field(status, "nonvoluntary_ctxt_switches").orElse(0));
                    highWater.merge(key, now, LiveThreadSwitches::higher);
                } catch (IOException | RuntimeException gone) {
                    // the thread exited while we listed: its last reading stays
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process exited (a worker): its threads' last readings stay
        }
    }

    private static ContextSwitches higher(ContextSwitches a, ContextSwitches b) {
        return new ContextSwitches(Math.max(a.voluntary(), b.voluntary()), Math.max(a.involuntary(), b.involuntary()));
    }
}
