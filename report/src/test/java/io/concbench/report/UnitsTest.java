package io.concbench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {

    @Test
    void smallNumbersKeepThreeSignificantDigits() {
        // 0.0007 must not read as 0.00; trailing zeros stay, so every figure shows its three digits.
        assertEquals("0.000700", Units.sig3(0.0007));
        assertEquals("0.000712", Units.sig3(0.00071234));
        assertEquals("0.00345 B", Units.bytes(0.003454));
    }

    @Test
    void timesShowsARatioAsAMultiple() {
        assertEquals("1.76×", Units.times(1.7649));
        assertEquals("40.0×", Units.times(40));
        assertEquals("0.25×", Units.times(0.25));
        assertEquals(Units.NONE, Units.times(Double.NaN));
    }

    @Test
    void percentWithSignCarriesItsSign() {
        assertEquals("68.2 %", Units.percentWithSign(68.24));
        assertEquals("-5.0 %", Units.percentWithSign(-5));
        assertEquals(Units.NONE, Units.percentWithSign(Double.NaN));
    }

    @Test
    void millisAndMicrosAreShownAsDurations() {
        assertEquals("12.1 ms", Units.millis(12.1));
        assertEquals("85.0 µs", Units.micros(85));
        assertEquals("850 ns", Units.micros(0.85));
        assertEquals(Units.NONE, Units.millis(Double.NaN));
    }

    @Test
    void mibKeepsEveryValueInMebibytes() {
        assertEquals("512 MiB", Units.mib(512.0 * 1024 * 1024));
        assertEquals("1750 MiB", Units.mib(1750.0 * 1024 * 1024));
        assertEquals("0.25 MiB", Units.mib(256.0 * 1024));
        assertEquals(Units.NONE, Units.mib(Double.NaN));
    }

    @Test
    void aFigureInsideItsNoiseBandIsApproximatelyZeroWhateverItsSign() {
        assertEquals("≈ 0 (±200 B)", Units.bytesAgainstNoise(100, 200));
        assertEquals("≈ 0 (±200 B)", Units.bytesAgainstNoise(-100, 200));
        assertEquals("≈ 0 (±200 B)", Units.bytesAgainstNoise(200, 200));           // the edge is inside
        assertEquals("≈ 0 (±2.93 KiB)", Units.bytesAgainstNoise(-2418.56, 3000));
        assertTrue(Units.withinNoise(0, 0));
    }

    @Test
    void aFigureOutsideItsBandIsShownAndAFallIsNoiseAtLeastAsWideAsItself() {
        assertEquals("500 B", Units.bytesAgainstNoise(500, 200));
        assertEquals("≈ 0 (±500 B)", Units.bytesAgainstNoise(-500, 200));         // holding connections frees nothing: the state moved
        assertEquals("≈ 0 (±300 B)", Units.bytesAgainstNoise(Double.NaN, 300));   // left out by the memory step, its band kept
        assertFalse(Units.withinNoise(-500, 200));
    }

    @Test
    void withoutABandNoNoiseIsClaimed() {
        assertEquals("≈ 0 (±2.36 KiB)", Units.bytesAgainstNoise(-2418.56, Double.NaN));   // a file from before the band: never a negative cost
        assertEquals(Units.NONE, Units.bytesAgainstNoise(Double.NaN, Double.NaN));
        assertEquals("1.46 KiB", Units.bytesAgainstNoise(1500, Double.NaN));
        assertFalse(Units.withinNoise(0, Double.NaN));
        assertEquals("≈ 0 (±5.00 B)", Units.bytesAgainstNoise(Double.NaN, 5));      // left out as a fall, its band kept
    }
}
