package io.concbench.micro.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a reader needs to know about the machine a run came from, read from /proc and the JVM.
 *
 * @param cpuModel "model name" from /proc/cpuinfo
 * @param cpus CPUs this JVM may run on
 * @param cpusAllowed Cpus_allowed_list from /proc/self/status: shows an affinity mask (taskset, cgroup cpuset)
 * @param kernel os.name and os.version
 * @param memTotalBytes MemTotal from /proc/meminfo, or -1
 * @param loadAverage the 1, 5 and 15 minute load averages when the report was written: a shared machine shows here
 */
record Machine(String cpuModel, int cpus, String cpusAllowed, String kernel, long memTotalBytes, String loadAverage) {

    static Machine here() {
        String cpuinfo = read("/proc/cpuinfo");
        String status = read("/proc/self/status");
        String meminfo = read("/proc/meminfo");
        String loadavg = read("/proc/loadavg");
        String[] load = loadavg.isBlank() ? new String[0] : loadavg.trim().split("\\s+");
        long memKb = -1;
        String mem = field(meminfo, "MemTotal:");
        if (!mem.isEmpty()) {
            memKb = Long.parseLong(mem.split("\\s+")[0]);
        }
        return new Machine(
                field(cpuinfo, "model name").replaceFirst("^:\\s*", ""),
                Runtime.getRuntime().availableProcessors(),
                field(status, "Cpus_allowed_list:"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                memKb < 0 ? -1 : memKb * 1024,
                load.length >= 3 ? load[0] + " " + load[1] + " " + load[2] : "");
    }

    String describe() {
        return (cpuModel.isEmpty() ? "unknown CPU" : cpuModel) + ", " + cpus + " CPUs"
                + (cpusAllowed.isEmpty() ? "" : " (allowed: " + cpusAllowed + ")")
                + ", " + kernel
                + (memTotalBytes < 0 ? "" : ", " + Math.round(memTotalBytes / 1073741824.0) + " GiB RAM")
                + (loadAverage.isEmpty() ? "" : ", load average " + loadAverage + " at report time");
    }

    /** The rest of the first line starting with {@code key}, trimmed; empty when absent. */
    static String field(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).trim();
            }
        }
        return "";
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
