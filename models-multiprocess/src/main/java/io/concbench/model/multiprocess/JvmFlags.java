package io.concbench.model.multiprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's JVM flags, made fit for N workers running at once. Workers must run with the
 * same heap, collector and options as the supervisor, or the comparison with single-process models
 * is not like for like; but some flags name a resource only one process may hold, and a worker's
 * stdout is its reply channel, which no JVM log line may enter.
 *
 * <ul>
 *   <li>Agents and debuggers are dropped: a second JDWP agent on the same port fails to start, and
 *       an agent writing one file from N processes corrupts it. Attach to a worker by its pid.</li>
 *   <li>Files get the pid: {@code -Xlog:...:file=gc.log} becomes {@code file=gc-%p.log},
 *       {@code -Xloggc:f} becomes {@code -Xlog:gc:file=f-%p}, and a JFR {@code filename=} likewise;
 *       the JVM expands {@code %p} to each worker's pid.</li>
 *   <li>Output to stdout moves to stderr: {@code -Xlog} without an output or with {@code stdout},
 *       and {@code -verbose:gc}. Other {@code -verbose} flags, which print through stdout, are dropped.
 *       Every worker starts with {@link #QUIET_STDOUT}, so the JVM's default warnings go to stderr too.</li>
 *   <li>Class-list and CDS-archive dumps at exit are dropped: N processes would write one file.</li>
 *   <li>{@code -XX:NativeMemoryTracking} is kept: it writes no file, and measuring memory per
 *       connection needs it in the workers, which hold the connections.</li>
 * </ul>
 *
 * @param kept the flags to start each worker with, {@link #QUIET_STDOUT} first
 * @param dropped flags of the supervisor that workers do not get, for the READY line
 */
record JvmFlags(List<String> kept, List<String> dropped) {

    /** First on every worker's command line; later -Xlog flags add outputs back. */
    static final List<String> QUIET_STDOUT = List.of("-Xlog:disable", "-Xlog:all=warning:stderr");

    private static final List<String> DROPPED_PREFIXES = List.of(
            "-javaagent:", "-agentlib:", "-agentpath:", "-Xrunjdwp", "-Xdebug", "-Xnoagent",
            "-XX:ArchiveClassesAtExit", "-XX:DumpLoadedClassList", "-verbose");
    private static final String PID = "%p";

    JvmFlags {
        kept = List.copyOf(kept);
        dropped = List.copyOf(dropped);
    }

    /**
     * Grants workers the native access (getrusage, the epoll model) the supervisor has. From JDK 24,
     * {@code --illegal-native-access=allow}: {@code --enable-native-access} would make every worker
     * print three CDS errors, since a dynamic class-data archive does not record it at dump time and
     * then fails the property check at each start (seen on 25.0.3). Before 24 that flag does not exist.
     */
    static final String NATIVE_ACCESS = nativeAccessFlag(Runtime.version().feature());

    static String nativeAccessFlag(int jdkFeature) {
        return jdkFeature >= 24 ? "--illegal-native-access=allow" : "--enable-native-access=ALL-UNNAMED";
    }

    /** The worker flags for a JVM started with {@code inputArguments} (RuntimeMXBean's list). */
    static JvmFlags forWorkers(List<String> inputArguments) {
        return forWorkers(inputArguments, false);
    }

    /**
     * As {@link #forWorkers(List)}; with {@code nativeAccess} (the supervisor's code may call native
     * functions, e.g. granted by the jar manifest's {@code Enable-Native-Access}, which a worker
     * started with {@code -cp} does not read) workers get {@link #NATIVE_ACCESS} unless a flag of the
     * supervisor already says how native access goes.
     */
    static JvmFlags forWorkers(List<String> inputArguments, boolean nativeAccess) {
        List<String> kept = new ArrayList<>(QUIET_STDOUT);
        if (nativeAccess && inputArguments.stream().noneMatch(f -> f.startsWith("--enable-native-access")
                || f.startsWith("--illegal-native-access"))) {
            kept.add(NATIVE_ACCESS);
        }
        List<String> dropped = new ArrayList<>();
        for (String flag : inputArguments) {
            String worker = forWorker(flag);
            if (worker == null) {
                dropped.add(flag);
            } else {
                kept.add(worker);
            }
        }
        return new JvmFlags(kept, dropped);
    }

    /** {@code flag} as a worker gets it, or null when it must not be repeated. */
    static String forWorker(String flag) {
        if (flag.equals("-verbose:gc")) {
            return "-Xlog:gc:stderr";
        }
        if (flag.equals("-Xlog") || flag.startsWith("-Xlog:")) {
            return unifiedLogging(flag);
        }
        if (flag.startsWith("-Xloggc:")) {
            return "-Xlog:gc:file=" + withPid(flag.substring("-Xloggc:".length()));
        }
        if (flag.startsWith("-XX:StartFlightRecording")) {
            return flightRecording(flag);
        }
        for (String prefix : DROPPED_PREFIXES) {
            if (flag.startsWith(prefix)) {
                return null;
            }
        }
        return flag;
    }

    /** {@code -Xlog[:what[:output[:decorators[:options]]]]}, its output made per-worker and off stdout. */
    private static String unifiedLogging(String flag) {
        if (flag.equals("-Xlog")) {
            return "-Xlog:all:stderr";
        }
        String[] parts = flag.substring("-Xlog:".length()).split(":", -1);
        String what = parts[0];
        if (flag.contains("\"") || what.equals("disable") || what.equals("async") || what.startsWith("async:")) {
            return flag;                                 // quoted paths we do not rewrite; the rest has no output
        }
        if (parts.length == 1) {
            return flag + ":stderr";
        }
        String output = parts[1];
        if (output.isEmpty() || output.equals("stdout")) {
            parts[1] = "stderr";
        } else if (!output.equals("stderr")) {
            String file = output.startsWith("file=") ? output.substring("file=".length()) : output;
            parts[1] = "file=" + withPid(file);
        }
        return "-Xlog:" + String.join(":", parts);
    }

    /** {@code -XX:StartFlightRecording[=:]k=v,...}: a filename gets the pid; without one JFR names files by pid itself. */
    private static String flightRecording(String flag) {
        int at = flag.indexOf("filename=");
        if (at < 0) {
            return flag;
        }
        int from = at + "filename=".length();
        int end = flag.indexOf(',', from);
        end = end < 0 ? flag.length() : end;
        return flag.substring(0, from) + withPid(flag.substring(from, end)) + flag.substring(end);
    }

    /** {@code gc.log} becomes {@code gc-%p.log}; a name that already holds {@code %p} stays. */
    static String withPid(String file) {
        if (file.contains(PID)) {
            return file;
        }
        int slash = file.lastIndexOf('/');
        int dot = file.lastIndexOf('.');
        if (dot > slash + 1) {
            return file.substring(0, dot) + "-" + PID + file.substring(dot);
        }
        return file + "-" + PID;
    }
}
