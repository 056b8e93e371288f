package io.concbench.harness.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One configured Jackson mapper for the whole project, and result files written as JSON. */
public final class Json {

    /** Thread-safe once configured; shared. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private Json() {}

    /** {@code value} as one line of JSON. */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code value} as indented JSON with {@link AtomicFiles#write(Path, byte[])}. Bytes and text
     * are refused: Jackson would write them as one JSON string (base64 for bytes), which no caller means;
     * write those with {@link AtomicFiles} itself.
     */
    public static void writeAtomically(Path file, Object value) throws IOException {
        if (value instanceof byte[] || value instanceof CharSequence) {
            throw new IllegalArgumentException("Json.writeAtomically(" + file + "): got "
                    + value.getClass().getSimpleName() + ", not an object to serialize; use AtomicFiles.write");
        }
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }
}
