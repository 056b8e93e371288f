package io.concbench.micro.threads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel limits that bound how many platform threads this machine can hold, read from /proc,
 * and the share of them the sleepers experiment may take. Every thread is a task with a pid, so
 * running out hurts every process on the machine (their fork() and pthread_create() fail), not only
 * this one: the experiment stops short of the limit and reports that instead.
 *
 * @param pidMax /proc/sys/kernel/pid_max: pids (threads included) on the whole machine
 * @param threadsMax /proc/sys/kernel/threads-max: tasks on the whole machine
 * @param maxMapCount /proc/sys/vm/max_map_count: memory mappings per process; a thread stack takes two (stack, guard)
 * @param nprocSoft the soft RLIMIT_NPROC of this process (Max processes in /proc/self/limits): tasks of this user
 * @param systemThreads tasks running on the machine now (the total in /proc/loadavg)
 */
record ThreadLimits(long pidMax, long threadsMax, long maxMapCount, long nprocSoft, long systemThreads) {

    /** The share of the tightest limit left to everything else on the machine: the benchmark shares it. */
    static final double HEADROOM = 0.25;

    static final long UNKNOWN = Long.MAX_VALUE;
    private static final int MAPPINGS_PER_THREAD = 2;
    private static final int MAX_PROC_FILE_BYTES = 64 * 1024;

    static ThreadLimits read() {
        return new ThreadLimits(
                number(read("/proc/sys/kernel/pid_max")),
                number(read("/proc/sys/kernel/threads-max")),
                number(read("/proc/sys/vm/max_map_count")),
                nprocSoft(read("/proc/self/limits")),
                loadavgTasks(read("/proc/loadavg")));
    }

    /** The tightest machine-wide bound on threads, before headroom. */
    long tightest() {
        return Math.min(Math.min(pidMax, threadsMax), Math.min(nprocSoft, maxMapCount / MAPPINGS_PER_THREAD));
    }

    /** How many live platform threads the experiment may hold: the tightest limit less the headroom, less what already runs. */
    int platformCap() {
        long tightest = tightest();
        if (tightest >= UNKNOWN / MAPPINGS_PER_THREAD) {   // nothing readable: no cap
            return Integer.MAX_VALUE;
        }
        long usable = (long) (tightest * (1 - HEADROOM)) - (systemThreads == UNKNOWN ? 0 : systemThreads);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, usable));
    }

    /** For messages: the limits, named as a user would look them up. */
    String describe() {
        return "pid_max " + shown(pidMax) + ", threads-max " + shown(threadsMax)
                + ", max_map_count " + shown(maxMapCount) + ", ulimit -u " + shown(nprocSoft)
                + ", " + shown(systemThreads) + " tasks already running";
    }

    private static String shown(long v) {
        return v == UNKNOWN ? "unknown" : Long.toString(v);
    }

    static long number(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    /** The soft limit from the "Max processes" line of /proc/self/limits; "unlimited" is UNKNOWN. */
    static long nprocSoft(String limits) {
        if (limits == null) {
            return UNKNOWN;
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max processes")) {
                String[] f = line.substring("Max processes".length()).trim().split("\\s+");
                return f.length == 0 || f[0].equals("unlimited") ? UNKNOWN : number(f[0]);
            }
        }
        return UNKNOWN;
    }

    /** The fourth field of /proc/loadavg is running/total scheduling entities; the total counts every thread. */
    static long loadavgTasks(String loadavg) {
        if (loadavg == null) {
            return UNKNOWN;
        }
        String[] f = loadavg.trim().split("\\s+");
        if (f.length < 4 || f[3].indexOf('/') < 0) {
            return UNKNOWN;
        }
        return number(f[3].substring(f[3].indexOf('/') + 1));
    }

    /**
     * One read() call's worth of the file. Not Files.readString: sysctl files answer a read at a
     * non-zero offset with end-of-file, and readString's first read may return only one byte of them.
     */
    private static String read(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return new String(in.readNBytes(MAX_PROC_FILE_BYTES), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
