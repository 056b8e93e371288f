package io.concbench.harness.probe;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This JVM's Native Memory Tracking summary, read through the DiagnosticCommand MBean (what
 * {@code jcmd <pid> VM.native_memory summary} prints), so no attach and no second JDK tool is needed.
 * Empty unless the JVM started with {@code -XX:NativeMemoryTracking=summary} (or detail).
 */
public final class NativeMemory {

    /**
     * @param committedBytes NMT's total committed memory
     * @param threadStackCommittedBytes committed thread stacks (the "stack:" line under Thread)
     * @param threads threads NMT counts
     */
    public record Summary(long committedBytes, long threadStackCommittedBytes, long threads) {}

    private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern STACK = Pattern.compile("\\(stack: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern THREADS = Pattern.compile("\\(threads? #(\\d+)\\)");

    private NativeMemory() {}

    public static Optional<Summary> summary() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
            return parse(String.valueOf(out));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<Summary> parse(String text) {
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            return Optional.empty();
        }
        Matcher stack = STACK.matcher(text);
        Matcher threads = THREADS.matcher(text);
        return Optional.of(new Summary(Long.parseLong(total.group(1)) * 1024,
                stack.find() ? Long.parseLong(stack.group(1)) * 1024 : -1,
                threads.find() ? Long.parseLong(threads.group(1)) : -1));
    }
}
