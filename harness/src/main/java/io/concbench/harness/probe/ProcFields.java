package io.concbench.harness.probe;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one parser of {@code /proc} text: the "Key:  value" lines of {@code /proc/<pid>/status} (and
 * of meminfo, which has the same shape) and the fields of {@code /proc/<pid>/stat}. Stateless.
 *
 * <p>A key matches only at the start of a line and only when a ':' follows it: searching for the
 * key anywhere finds "voluntary_ctxt_switches:" inside "nonvoluntary_ctxt_switches:" and is right
 * only while the kernel prints the voluntary line first.
 */
public final class ProcFields {

    private static final long BYTES_PER_KB = 1024;

    private ProcFields() {}

    /**
     * The number on the line {@code key: <blanks> <digits>}, ignoring a unit after it; empty when no
     * line starts with {@code key:} or its value is not a non-negative number ("0-1", "unlimited").
     */
    public static OptionalLong field(String text, String key) {
        return value(text, key, false);
    }

    /** A {@code key:  123 kB} line in bytes; empty when the line is missing or its unit is not kB. */
    public static OptionalLong bytes(String text, String key) {
        return value(text, key, true);
    }

    /**
     * The text after {@code key:} on the line that starts with {@code key}, trimmed; empty when no line
     * does. Blanks may stand between the key and its ':' as in {@code /proc/cpuinfo} ("model name\t: ...").
     */
    public static Optional<String> text(String text, String key) {
        int from = valueStart(text, key);
        if (from < 0) {
            return Optional.empty();
        }
        int end = text.indexOf('\n', from);
        return Optional.of(text.substring(from, end < 0 ? text.length() : end).strip());
    }

    /**
     * Field {@code number} of a {@code /proc/<pid>/stat} line, numbered as in proc(5): 1 pid, 2 comm
     * (without its parentheses), 3 state, 14 utime, 15 stime. The command name may hold spaces and
     * ')' itself, so the fields after it are split after the last ')'.
     *
     * @throws IllegalArgumentException when the line has no such field
     */
    public static String statField(String stat, int number) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (number < 1 || open < 1 || close < open) {
            throw new IllegalArgumentException("no field " + number + " in /proc stat line '" + stat + "'");
        }
        if (number == 1) {
            return stat.substring(0, open).strip();
        }
        if (number == 2) {
            return stat.substring(open + 1, close);
        }
        String[] after = stat.substring(close + 1).strip().split("\\s+");
        if (number - 3 >= after.length) {
            throw new IllegalArgumentException("no field " + number + " in /proc stat line '" + stat + "'");
        }
        return after[number - 3];
    }

    /**
     * The numbers after {@code key} on the line whose first word is exactly {@code key}, as in
     * {@code /proc/stat}'s {@code cpu  4705 356 584 3699 23 23 0 0 0 0} (the "cpu" line is not the
     * "cpu0" line); empty when no line starts with that word or a field after it is not a number.
     */
    public static Optional<long[]> counters(String text, String key) {
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || !f[0].equals(key)) {
                continue;
            }
            long[] n = new long[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                try {
                    n[i - 1] = Long.parseLong(f[i]);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(n);
        }
        return Optional.empty();
    }

    private static OptionalLong value(String text, String key, boolean kilobytes) {
        int colon = valueStart(text, key);
        if (colon < 0) {
            return OptionalLong.empty();
        }
        int from = skipBlanks(text, colon);
        int to = from;
        while (to < text.length() && text.charAt(to) >= '0' && text.charAt(to) <= '9') {
            to++;
        }
        int end = text.indexOf('\n', to);
        end = end < 0 ? text.length() : end;
        if (to == from || (to < end && !isBlank(text.charAt(to)))) {
            return OptionalLong.empty();
        }
        if (kilobytes && !text.substring(to, end).strip().equals("kB")) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(text, from, to, 10);
            return OptionalLong.of(kilobytes ? Math.multiplyExact(n, BYTES_PER_KB) : n);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return OptionalLong.empty();
        }
    }

    /** Just after the ':' of the first line that starts with {@code key}, blanks and ':', or -1. */
    private static int valueStart(String text, String key) {
        for (int at = 0; at >= 0 && at < text.length(); ) {
            if (text.startsWith(key, at)) {
                int colon = skipBlanks(text, at + key.length());
                if (text.startsWith(":", colon)) {
                    return colon + 1;
                }
            }
            int next = text.indexOf('\n', at);
            at = next < 0 ? -1 : next + 1;
        }
        return -1;
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
