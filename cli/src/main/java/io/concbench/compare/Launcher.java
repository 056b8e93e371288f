package io.concbench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds command lines for child JVMs: which java, which flags, which class path, pinned to which CPUs.
 *
 * @param java the java binary
 * @param classPath the class path children get: this JVM's own, i.e. the concbench jar
 * @param taskset the taskset binary, or null when it is not available (children then run unpinned)
 */
record Launcher(Path java, String classPath, Path taskset) {

    static Launcher of(Path java) {
        return new Launcher(java, System.getProperty("java.class.path"), findTaskset());
    }

    /** The java running this process. */
    static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Path findTaskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "taskset");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    boolean canPin() {
        return taskset != null;
    }

    /** {@code [taskset -c cpus] java flags -cp classPath mainClass args}. */
    List<String> command(String cpus, List<String> jvmFlags, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (taskset != null && cpus != null && !cpus.isBlank()) {
            cmd.add(taskset.toString());
            cmd.add("-c");
            cmd.add(cpus);
        }
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
