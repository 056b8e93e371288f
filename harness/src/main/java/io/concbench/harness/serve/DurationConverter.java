package io.concbench.harness.serve;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 250us}; a bare number is seconds. Shared by every command. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return Duration.ofNanos(nanos(value));
    }

    /** The duration in nanoseconds; a {@link CommandLine.TypeConversionException} naming the value when it is not one. */
    public static long nanos(String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m");
        }
        double unitNanos = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Math.round(Double.parseDouble(m.group(1)) * unitNanos);
    }
}
