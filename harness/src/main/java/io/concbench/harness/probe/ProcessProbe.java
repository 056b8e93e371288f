package io.concbench.harness.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@code /proc/<pid>/status} and {@code /proc/<pid>/stat}. Stateless and thread-safe. */
public final class ProcessProbe {

    /**
     * USER_HZ: the unit of utime and stime in /proc/pid/stat. It is 100 on every Linux architecture
     * the JDK runs on (the kernel fixes it for user space regardless of CONFIG_HZ).
     */
    static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private ProcessProbe() {}

    /** This process. */
    public static Optional<ProcessSample> self() {
        return sample(ProcessHandle.current().pid());
    }

    /** Another process; empty when it is gone or /proc is not there. */
    public static Optional<ProcessSample> sample(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            ProcessSample s = parse(pid, status, stat);
            long[] switches = threadSwitches(pid);
            return Optional.of(switches == null ? s : s.withSwitches(switches[0], switches[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Voluntary and nonvoluntary context switches summed over the live threads of {@code pid}:
     * /proc/pid/status counts only the main thread, which in a JVM sleeps in join() all run long.
     * Threads that exited are missed, so under connection churn thread-per-connection is undercounted.
     */
    private static long[] threadSwitches(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long[] sum = new long[2];
        try (var dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    String status = Files.readString(task.resolve("status"));
                    sum[0] += Math.max(0, statusValue(status, "voluntary_ctxt_switches:"));
                    sum[1] += Math.max(0, statusValue(status, "nonvoluntary_ctxt_switches:"));
                } catch (IOException gone) {
                    // the thread exited while we listed: its switches are lost with it
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The sum over {@code pid} and all its descendants, e.g. a multi-process supervisor and its workers. */
    public static Optional<ProcessSample> tree(long pid) {
        Optional<ProcessSample> root = sample(pid);
        if (root.isEmpty()) {
            return root;
        }
        ProcessSample sum = root.get();
        for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(java.util.List.of())) {
            Optional<ProcessSample> s = sample(child.pid());
            if (s.isPresent() && s.get().rssBytes() >= 0) {     // a zombie has no memory lines left
                sum = sum.plus(s.get());
            }
        }
        return Optional.of(sum);
    }

    /** Heap in use now in this JVM, by the memory MXBean. */
    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static ProcessSample parse(long pid, String status, String stat) {
        long rss = statusKb(status, "VmRSS:");
        long hwm = statusKb(status, "VmHWM:");
        long threads = statusValue(status, "Threads:");
        long voluntary = statusValue(status, "voluntary_ctxt_switches:");
        long involuntary = statusValue(status, "nonvoluntary_ctxt_switches:");
        // Fields after the command name, which may itself hold spaces and parentheses: split after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(f[11]);   // field 14 of stat; f[0] is field 3 (state)
        long stime = Long.parseLong(f[12]);   // field 15
        return new ProcessSample(pid, 1, rss, hwm, threads, voluntary, involuntary,
                utime * NANOS_PER_TICK, stime * NANOS_PER_TICK);
    }

    private static long statusKb(String status, String key) {
        long kb = statusValue(status, key);
        return kb < 0 ? -1 : kb * 1024;
    }

    private static long statusValue(String status, String key) {
        int i = status.indexOf(key);
        if (i < 0) {
            return -1;
        }
        int from = i + key.length();
        int end = status.indexOf('\n', from);
        String value = status.substring(from, end < 0 ? status.length() : end).trim();
        int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
    }
}
