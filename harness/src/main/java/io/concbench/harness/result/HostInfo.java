package io.concbench.harness.result;

import io.concbench.harness.probe.ProcFields;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run happened on: figures mean nothing without it.
 *
 * @param cpuModel "model name" from /proc/cpuinfo
 * @param cores online processors the OS reports (before any pinning)
 * @param kernel os.version
 * @param os os.name and arch
 * @param memTotalBytes MemTotal from /proc/meminfo
 * @param openFilesLimit this process's soft RLIMIT_NOFILE (what the JVM reports), -1 if unknown
 */
public record HostInfo(String cpuModel, int cores, String kernel, String os, long memTotalBytes, long openFilesLimit) {

    public static HostInfo detect() {
        return new HostInfo(readCpuModel(), onlineCores(), System.getProperty("os.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), readMemTotal(), currentOpenFilesLimit());
    }

    private static String readCpuModel() {
        return ProcFields.text(read("/proc/cpuinfo"), "model name").orElse("unknown");
    }

    private static int onlineCores() {
        try {
            // Online CPUs of the machine, not the ones this process is pinned to.
            String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
            int n = 0;
            for (String range : online.split(",")) {
                String[] ab = range.split("-");
                n += ab.length == 1 ? 1 : Integer.parseInt(ab[1]) - Integer.parseInt(ab[0]) + 1;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static long readMemTotal() {
        return ProcFields.bytes(read("/proc/meminfo"), "MemTotal").orElse(-1);
    }

    /** A /proc file's text, or "" when it cannot be read (not Linux): what is missing reads as unknown. */
    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** This JVM's soft limit on open files. */
    public static long currentOpenFilesLimit() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
