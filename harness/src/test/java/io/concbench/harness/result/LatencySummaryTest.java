package io.concbench.harness.result;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySummaryTest {

    @Test
    void anUnmeasuredFigureIsNullInJsonNotZero() throws Exception {
        LatencySummary wrk = new LatencySummary(1000, null, 3_600_000.0, 1_240_000L, 10_070_000L, 25_920_000L, null, null,
                34_670_000L, null);
        JsonNode json = Json.MAPPER.readTree(Json.line(wrk));
        assertTrue(json.get("minNanos").isNull(), json.toString());
        assertTrue(json.get("p999Nanos").isNull(), json.toString());
        assertTrue(json.get("p9999Nanos").isNull(), json.toString());
        assertTrue(json.get("histogram").isNull(), json.toString());
        assertEquals(1_240_000L, json.get("p50Nanos").asLong());
        assertEquals(wrk, Json.MAPPER.readValue(Json.line(wrk), LatencySummary.class));
        assertFalse(wrk.hasHistogram());
        assertThrows(IllegalStateException.class, wrk::decodeHistogram);
    }

    @Test
    void filesWrittenWithEveryFigureAsANumberReadAsBefore() throws Exception {
        // The shape of results/compare/2026-11-27T17-12-46Z: every figure a number, histogram "" for wrk.
        String old = "{\"count\":5,\"minNanos\":0,\"meanNanos\":2.5E5,\"p50Nanos\":200000,\"p90Nanos\":300000,"
                + "\"p99Nanos\":400000,\"p999Nanos\":0,\"p9999Nanos\":0,\"maxNanos\":0,\"histogram\":\"\"}";
        LatencySummary s = Json.MAPPER.readValue(old, LatencySummary.class);
        assertEquals(5, s.count());
        assertEquals(0L, s.minNanos());
        assertEquals(250_000.0, s.meanNanos());
        assertEquals(400_000L, s.p99Nanos());
        assertFalse(s.hasHistogram());
    }

    @Test
    void anEmptyHistogramHasACountAndNoPercentile() {
        LatencySummary s = LatencySummary.of(new Histogram(3));
        assertEquals(0, s.count());
        assertNull(s.minNanos());
        assertNull(s.meanNanos());
        assertNull(s.p50Nanos());
        assertNull(s.maxNanos());
        assertTrue(s.hasHistogram());
        assertEquals(0, s.decodeHistogram().getTotalCount());
    }

    @Test
    void aFullHistogramFillsEveryFigure() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(1000, 99);
        h.recordValue(50_000);
        LatencySummary s = LatencySummary.of(h);
        assertEquals(100, s.count());
        assertEquals(1000L, s.minNanos());
        assertEquals(1000L, s.p50Nanos());
        assertEquals(h.getValueAtPercentile(99.9), s.p999Nanos());
        assertEquals(h.getMaxValue(), s.maxNanos());
        assertEquals(100, s.decodeHistogram().getTotalCount());
    }
}
