package io.concbench.micro.scheduler;

import io.concbench.harness.probe.ProcFields;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Voluntary and nonvoluntary context switches of every live thread of this process, per thread.
 *
 * <p>Why not /proc/self/status: its counters are the thread-group leader's alone, and in a JVM the
 * leader is the launcher thread that waits for {@code main} — it barely switches. The per-thread
 * counters are under /proc/self/task/<tid>/status. A thread that exits takes its counts with it
 * (the JVM retires idle compiler and GC threads), so {@link #since} subtracts per thread: an exited
 * thread's switches during the interval are lost, never counted negative.
 */
final class ThreadSwitches {

    private static final Path TASKS = Path.of("/proc/self/task");
    static final ThreadSwitches UNAVAILABLE = new ThreadSwitches(null);

    /**
     * Switches during an interval, summed over threads.
     *
     * @param voluntary the thread blocked (park, sleep, I/O)
     * @param nonvoluntary the kernel preempted the thread
     */
    record Delta(long voluntary, long nonvoluntary) {}

    /** tid → {voluntary, nonvoluntary}; null when /proc could not be read. */
    private final Map<String, long[]> byThread;

    private ThreadSwitches(Map<String, long[]> byThread) {
        this.byThread = byThread;
    }

    /** The counters now, or {@link #UNAVAILABLE} off Linux. */
    static ThreadSwitches now() {
        Map<String, long[]> byThread = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException e) {
                    continue;   // the thread exited while we listed
                }
                byThread.put(task.getFileName().toString(), new long[] {
                        ProcFields.field(status, "voluntary_ctxt_switches").orElse(0),
                        ProcFields.field(status, "nonvoluntary_ctxt_switches").orElse(0)});
            }
        } catch (IOException | RuntimeException e) {
            return UNAVAILABLE;
        }
        return new ThreadSwitches(byThread);
    }

    boolean available() {
        return byThread != null;
    }

    /** Switches since {@code earlier}: per thread, new threads counted from zero. */
    Delta since(ThreadSwitches earlier) {
        long voluntary = 0;
        long nonvoluntary = 0;
        for (Map.Entry<String, long[]> e : byThread.entrySet()) {
            long[] then = earlier.byThread.getOrDefault(e.getKey(), new long[2]);
            voluntary += e.getValue()[0] - then[0];
            nonvoluntary += e.getValue()[1] - then[1];
        }
        return new Delta(voluntary, nonvoluntary);
    }
}
