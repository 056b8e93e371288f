package io.concbench.harness.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorCountsTest {

    /** The errors object of a committed run file (results/compare/2026-11-27T17-12-46Z), one distinct value per field. */
    private static final String COMMITTED_FORM = """
            {"connect":1,"read":2,"write":3,"timeout":4,"status4xx":5,"status5xx":6,"otherStatus":7,"closedByPeer":8}""";

    /** 1 in the first class, 2 in the second, and so on: a value that shows which class it landed in. */
    private static ErrorCounts distinct() {
        long[] n = new long[ErrorClass.values().length];
        for (int i = 0; i < n.length; i++) {
            n[i] = i + 1;
        }
        return ErrorCounts.of(n);
    }

    @Test
    void jsonRoundTripKeepsEveryClass() throws Exception {
        ErrorCounts e = distinct();
        ErrorCounts back = Json.MAPPER.readValue(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(e),
                ErrorCounts.class);
        assertEquals(e, back);
        for (ErrorClass c : ErrorClass.values()) {
            assertEquals(c.ordinal() + 1, back.get(c), c.name());
        }
    }

    @Test
    void jsonHasOneFieldPerClassNamedByJsonNameInEnumOrder() throws Exception {
        JsonNode tree = Json.MAPPER.readTree(Json.line(distinct()));
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>();
        for (ErrorClass c : ErrorClass.values()) {
            expected.add(c.jsonName);
            assertEquals(c.ordinal() + 1, tree.get(c.jsonName).asLong(), c.jsonName);
        }
        assertEquals(expected, fields);
    }

    @Test
    void committedRunFilesReadAndWriteUnchanged() throws Exception {
        ErrorCounts e = Json.MAPPER.readValue(COMMITTED_FORM, ErrorCounts.class);
        assertEquals(distinct(), e);
        assertEquals(COMMITTED_FORM, Json.line(e));
        assertEquals(8, e.get(ErrorClass.CLOSED_BY_PEER));
        assertEquals(5, e.get(ErrorClass.STATUS_4XX));
    }

    @Test
    void missingClassReadsAsZero() throws Exception {
        assertEquals(ErrorCounts.NONE.plus(ErrorClass.READ, 2), Json.MAPPER.readValue("{\"read\":2}", ErrorCounts.class));
    }

    @Test
    void unknownFieldFailsUnlessTheReaderIgnoresUnknownProperties() throws Exception {
        String json = "{\"read\":2,\"teapot\":{\"x\":[1]},\"write\":3}";
        assertThrows(UnrecognizedPropertyException.class, () -> Json.MAPPER.readValue(json, ErrorCounts.class));
        ErrorCounts lenient = Json.MAPPER.readerFor(ErrorCounts.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        assertEquals(ErrorCounts.NONE.plus(ErrorClass.READ, 2).plus(ErrorClass.WRITE, 3), lenient);
    }

    @Test
    void totalCountsEveryClassConnectIncluded() {
        assertEquals(36, distinct().total());
        assertEquals(0, ErrorCounts.NONE.total());
    }

    @Test
    void plusAddsClassByClass() {
        ErrorCounts sum = distinct().plus(distinct()).plus(ErrorClass.TIMEOUT, 10);
        for (ErrorClass c : ErrorClass.values()) {
            assertEquals(2 * (c.ordinal() + 1) + (c == ErrorClass.TIMEOUT ? 10 : 0), sum.get(c), c.name());
        }
        assertEquals(0, ErrorCounts.NONE.get(ErrorClass.TIMEOUT), "plus leaves its operands alone");
    }

    @Test
    void ofRejectsAnArrayThatIsNotOneCountPerClass() {
        assertThrows(IllegalArgumentException.class, () -> ErrorCounts.of(new long[ErrorClass.values().length - 1]));
    }

    @Test
    void ofCopiesItsArray() {
        long[] n = new long[ErrorClass.values().length];
        ErrorCounts e = ErrorCounts.of(n);
        n[0] = 5;
        assertEquals(ErrorCounts.NONE, e);
    }
}
