package io.concbench.harness.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The Date header value, formatted at most once per second of the clock and shared by all threads.
 * Responses read {@link #epochSecond()} to know when to re-encode themselves.
 */
public final class HttpDate {

    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The process-wide instance, on the system clock. */
    public static final HttpDate SYSTEM = new HttpDate(System::currentTimeMillis);

    private record Stamp(long epochSecond, byte[] value) {}

    private final LongSupplier millisClock;
    private volatile Stamp stamp;

    /** @param millisClock milliseconds since the epoch; tests pass a fake one */
    public HttpDate(LongSupplier millisClock) {
        this.millisClock = millisClock;
        this.stamp = format(Math.floorDiv(millisClock.getAsLong(), 1000));
    }

    /** The current second; refreshes the formatted value when the second has changed. */
    public long epochSecond() {
        return current().epochSecond;
    }

    /** The formatted value for the current second, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. Do not modify. */
    public byte[] value() {
        return current().value;
    }

    private Stamp current() {
        long second = Math.floorDiv(millisClock.getAsLong(), 1000);
        Stamp s = stamp;
        if (s.epochSecond != second) {
            // Benign race: two threads may both format the new second; either result is correct.
            s = format(second);
            stamp = s;
        }
        return s;
    }

    private static Stamp format(long epochSecond) {
        return new Stamp(epochSecond,
                RFC_1123.format(Instant.ofEpochSecond(epochSecond)).getBytes(StandardCharsets.US_ASCII));
    }
}
