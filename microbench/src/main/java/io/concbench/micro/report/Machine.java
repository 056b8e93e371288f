package io.concbench.micro.report;

import io.concbench.harness.probe.ProcFields;

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
        return new Machine(
                ProcFields.text(cpuinfo, "model name").orElse(""),
                Runtime.getRuntime().availableProcessors(),
                ProcFields.text(status, "Cpus_allowed_list").orElse(""),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                ProcFields.bytes(meminfo, "MemTotal").orElse(-1),
                load.length >= 3 ? load[0] + " " + load[1] + " " + load[2] : "");
    }

    String describe() {
        return (cpuModel.isEmpty() ? "unknown CPU" : cpuModel) + ", " + cpus + " CPUs"
                + (cpusAllowed.isEmpty() ? "" : " (allowed: " + cpusAllowed + ")")
                + ", " + kernel
                + (memTotalBytes < 0 ? "" : ", " + Math.round(memTotalBytes / 1073741824.0) + " GiB RAM")
                + (loadAverage.isEmpty() ? "" : ", load average " + loadAverage + " at report time");
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
