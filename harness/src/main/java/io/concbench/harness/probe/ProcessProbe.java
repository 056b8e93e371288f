package io.concbench.harness.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads {@code /proc/<pid>/status} and {@code /proc/<pid>/stat}. Stateless and thread-safe. */
public final class ProcessProbe {

    /**
     * USER_HZ: the unit of utime and stime in /proc/pid/stat, and of the cpu lines of /proc/stat. It is 100 on every Linux architecture
     * the JDK runs on (the kernel fixes it for user space regardless of CONFIG_HZ).
     */
    public static final long TICKS_PER_SECOND = 100;
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
     * Threads that exited are missed, so under connection churn this sum can fall: for switches over
     * a window use {@link Rusage} (from inside the process) or {@link LiveThreadSwitches} (from outside).
     */
    private static long[] threadSwitches(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long[] sum = new long[2];
        try (var dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    String status = Files.readString(task.resolve("status"));
                    sum[0] += ProcFields.field(status, "voluntary_ctxt_switches").orElse(0);
                    sum[1] += ProcFields.field(status, "nonvoluntary_ctxt_switches").orElse(0);
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

    /** Absent lines read -1: a zombie's status has no memory lines left. */
    static ProcessSample parse(long pid, String status, String stat) {
        long utime = Long.parseLong(ProcFields.statField(stat, 14));
        long stime = Long.parseLong(ProcFields.statField(stat, 15));
        return new ProcessSample(pid, 1,
                ProcFields.bytes(status, "VmRSS").orElse(-1),
                ProcFields.bytes(status, "VmHWM").orElse(-1),
                ProcFields.field(status, "Threads").orElse(-1),
                ProcFields.field(status, "voluntary_ctxt_switches").orElse(-1),
                ProcFields.field(status, "nonvoluntary_ctxt_switches").orElse(-1),
                utime * NANOS_PER_TICK, stime * NANOS_PER_TICK);
    }
}
