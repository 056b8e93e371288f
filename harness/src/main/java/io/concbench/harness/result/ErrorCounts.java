package io.concbench.harness.result;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed requests of a load run, one count per {@link ErrorClass} (see there for what each counts).
 * In JSON an object with one field per class, named {@link ErrorClass#jsonName}, in enum order.
 * Immutable.
 */
@JsonDeserialize(using = ErrorCounts.FromJson.class)
public final class ErrorCounts {

    private static final ErrorClass[] CLASSES = ErrorClass.values();

    public static final ErrorCounts NONE = new ErrorCounts(new long[CLASSES.length]);

    /** Indexed by {@link ErrorClass#ordinal()}; never written after construction. */
    private final long[] counts;

    private ErrorCounts(long[] counts) {
        this.counts = counts;
    }

    /** Counts indexed by {@link ErrorClass#ordinal()}, one per class; copied. */
    public static ErrorCounts of(long[] byOrdinal) {
        if (byOrdinal.length != CLASSES.length) {
            throw new IllegalArgumentException("expected " + CLASSES.length + " error counts, one per ErrorClass, got "
                    + byOrdinal.length);
        }
        return new ErrorCounts(byOrdinal.clone());
    }

    public long get(ErrorClass c) {
        return counts[c.ordinal()];
    }

    /** Every error, connect attempts included. */
    public long total() {
        long sum = 0;
        for (long n : counts) {
            sum += n;
        }
        return sum;
    }

    /** Element-wise sum. */
    public ErrorCounts plus(ErrorCounts o) {
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += o.counts[i];
        }
        return new ErrorCounts(sum);
    }

    /** These counts with {@code n} more in {@code c}. */
    public ErrorCounts plus(ErrorClass c, long n) {
        long[] sum = counts.clone();
        sum[c.ordinal()] += n;
        return new ErrorCounts(sum);
    }

    /** The JSON form: every class by its {@link ErrorClass#jsonName}, in enum order. */
    @JsonValue
    Map<String, Long> byJsonName() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ErrorClass c : CLASSES) {
            m.put(c.jsonName, get(c));
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorCounts e && Arrays.equals(counts, e.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ErrorCounts" + byJsonName();
    }

    /**
     * Reads the JSON form field by field, so that a missing class reads as 0 and an unknown field is
     * handled as for any other object (an error unless the reader disables FAIL_ON_UNKNOWN_PROPERTIES,
     * as the reproduce evidence reader does): what Jackson did when ErrorCounts was a record.
     */
    static final class FromJson extends StdDeserializer<ErrorCounts> {

        FromJson() {
            super(ErrorCounts.class);
        }

        @Override
        public ErrorCounts deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                return (ErrorCounts) ctxt.handleUnexpectedToken(ErrorCounts.class, p);
            }
            long[] counts = new long[CLASSES.length];
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                p.nextToken();
                ErrorClass c = ErrorClass.ofJsonName(name);
                if (c == null) {
                    ctxt.handleUnknownProperty(p, this, ErrorCounts.class, name);
                } else {
                    counts[c.ordinal()] = ctxt.readValue(p, long.class);
                }
            }
            return new ErrorCounts(counts);
        }
    }
}
