package io.concbench.micro.scheduler;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Voluntary and nonvoluntary context switches summed over every live thread of this process.
 *
 * <p>Why not /proc/self/status: its counters are the thread-group leader's alone, and in a JVM the
 * leader is the launcher thread that waits for {@code main} — it barely switches. The per-thread
 * counters are under /proc/self/task/<tid>/status. Threads that exited take their counts with them,
 * so read this around work done by long-lived threads (pool workers, carriers).
 *
 * @param voluntary switches where the thread blocked (park, sleep, I/O)
 * @param nonvoluntary switches where the kernel preempted the thread
 */
record ThreadSwitches(long voluntary, long nonvoluntary) {

    private static final Path TASKS = Path.of("/proc/self/task");
    static final ThreadSwitches UNAVAILABLE = new ThreadSwitches(-1, -1);

    /** The sums now, or {@link #UNAVAILABLE} off Linux. */
    static ThreadSwitches now() {
        long voluntary = 0;
        long nonvoluntary = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException e) {
                    continue;   // the thread exited while we listed
                }
                voluntary += field(status, "\nvoluntary_ctxt_switches:");
                nonvoluntary += field(status, "\nnonvoluntary_ctxt_switches:");
            }
        } catch (IOException | RuntimeException e) {
            return UNAVAILABLE;
        }
        return new ThreadSwitches(voluntary, nonvoluntary);
    }

    boolean available() {
        return voluntary >= 0;
    }

    ThreadSwitches minus(ThreadSwitches earlier) {
        return new ThreadSwitches(voluntary - earlier.voluntary, nonvoluntary - earlier.nonvoluntary);
    }

    static long field(String status, String key) {
        int i = status.indexOf(key);
        if (i < 0) {
            return 0;
        }
        int from = i + key.length();
        int end = status.indexOf('\n', from);
        return Long.parseLong(status.substring(from, end < 0 ? status.length() : end).trim());
    }
}
