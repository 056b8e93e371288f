package io.concbench.reproduce;

import io.concbench.report.Units;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict rules, at their edges. */
class RulesTest {

    @Test
    void aRatioWhoseEffectIsWithinTwofoldOfTheClaimedEffectHolds() {
        double claimed = 31_500.0 / 8_200;                       // +284 %
        assertEquals(Verdict.HOLDS, Rules.ratio(claimed, 2.5).verdict());
        assertEquals(Verdict.HOLDS, Rules.ratio(claimed, 1 + (claimed - 1) / 2).verdict());
        assertEquals(Verdict.HOLDS, Rules.ratio(claimed, 1 + (claimed - 1) * 2).verdict());
        assertEquals(Verdict.DIRECTION_ONLY, Rules.ratio(claimed, 1 + (claimed - 1) / 2.1).verdict());
        assertEquals(Verdict.DIRECTION_ONLY, Rules.ratio(claimed, 1 + (claimed - 1) * 2.1).verdict());
    }

    @Test
    void nearOneTheEffectNotTheRatioDecides() {
        Judgement j = Rules.ratio(120.0 / 65, 1.12);             // +85 % claimed, +12 % measured
        assertEquals(Verdict.DIRECTION_ONLY, j.verdict(), j.why());
        assertTrue(j.why().contains("+12 %") && j.why().contains("+85 %"), j.why());
        assertEquals(Verdict.HOLDS, Rules.ratio(14_200.0 / 12_000, 1.2).verdict());
    }

    @Test
    void aRatioInTheClaimedDirectionBeyondTwofoldHoldsInDirectionOnly() {
        Judgement weaker = Rules.ratio(40, 1.76);
        assertEquals(Verdict.DIRECTION_ONLY, weaker.verdict());
        assertTrue(weaker.why().contains("weaker"), weaker.why());
        Judgement stronger = Rules.ratio(1.2, 5);
        assertEquals(Verdict.DIRECTION_ONLY, stronger.verdict());
        assertTrue(stronger.why().contains("stronger"), stronger.why());
    }

    @Test
    void anOppositeRatioOrOneWithinNoiseDoesNotHold() {
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.ratio(3.84, 0.5).verdict());
        assertTrue(Rules.ratio(3.84, 0.5).why().contains("opposite"));
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.ratio(3.84, 1.05).verdict());
        assertTrue(Rules.ratio(3.84, 1.05).why().contains("no difference"));
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.ratio(3.84, 1 / 1.05).verdict());
    }

    @Test
    void aClaimedRatioBelowOneIsJudgedTheOtherWayRound() {
        assertEquals(Verdict.HOLDS, Rules.ratio(45.0 / 85, 0.6).verdict());          // +89 % vs +67 %, the other way round
        assertEquals(Verdict.DIRECTION_ONLY, Rules.ratio(30.0 / 85, 0.85).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.ratio(45.0 / 85, 1.5).verdict());
    }

    @Test
    void aClaimInWordsHoldsOnDirectionBeyondNoise() {
        assertEquals(Verdict.HOLDS, Rules.higher(1.5).verdict());
        assertEquals(Verdict.HOLDS, Rules.higher(Rules.NOISE_FACTOR).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.higher(1.05).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.higher(0.5).verdict());
    }

    @Test
    void anAbsoluteFigureHoldsWithinHalfADecade() {
        assertEquals(Verdict.HOLDS, Rules.absolute(2_000, 2_630).verdict());
        assertEquals(Verdict.HOLDS, Rules.absolute(100, 316).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.absolute(100, 317).verdict());
        assertEquals(Verdict.HOLDS, Rules.absolute(100, 31.7).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.absolute(50, 1_490).verdict());
        assertTrue(Rules.absolute(50, 1_490).why().contains("above"));
    }

    @Test
    void aFigureInWordsIsADecadeRangeWithAnOpenTop() {
        assertEquals(Verdict.HOLDS, Rules.within(1e4, 1e5, 5e4, "tens of thousands").verdict());
        assertEquals(Verdict.HOLDS, Rules.within(1e4, 1e5, 1e4, "tens of thousands").verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.within(1e4, 1e5, 1e5, "tens of thousands").verdict());
        assertTrue(Rules.within(1e3, 1e4, 10, "thousands").why().startsWith("below"));
    }

    @Test
    void aBoundHoldsWhenMetAndInDirectionWhenOnlyASavingShows() {
        assertEquals(Verdict.HOLDS, Rules.atLeast(0.9, 0.95).verdict());
        assertEquals(Verdict.DIRECTION_ONLY, Rules.atLeast(0.9, 0.5).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.atLeast(0.9, 0.01).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.atLeast(0.9, -0.3).verdict());
    }

    @Test
    void aDemonstrationHoldsOnlyWhenTheProblemShowsAndTheRemedyCuresIt() {
        assertEquals(Verdict.HOLDS, Rules.demonstration(Rules.Shown.FULLY, true, "x").verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.demonstration(Rules.Shown.PARTLY, true, "x").verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.demonstration(Rules.Shown.NOT, true, "x").verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.demonstration(Rules.Shown.FULLY, false, "x").verdict());
    }

    @Test
    void aMissingFigureIsNotMeasuredRatherThanJudged() {
        assertThrows(NotMeasured.class, () -> Rules.ratio(2, Double.NaN));
        assertThrows(NotMeasured.class, () -> Rules.absolute(2, 0));
        assertThrows(NotMeasured.class, () -> Rules.higher(Double.POSITIVE_INFINITY));
    }

    @Test
    void theDocumentStatesTheRulesWithTheConstantsTheCodeUses() {
        String rules = String.join("\n", Rules.describe());
        assertTrue(rules.contains("within a factor of " + Units.sig3(Rules.MAGNITUDE_FACTOR)), rules);
        assertTrue(rules.contains("±10 %"), rules);
        assertTrue(rules.contains(Units.sig3(Rules.ORDER_OF_MAGNITUDE)), rules);
        for (Verdict v : Verdict.values()) {
            assertTrue(rules.contains(v.label()), v.label());
        }
    }

    private static Measured between(double value, double low, double high) {
        return new Measured(value, low, high, "m", "");
    }

    @Test
    void anIntervalCoveringBothNoDifferenceAndTheClaimedEffectIsInconclusive() {
        // T12's chain alone: 1.12× with an interval 0.705×–2.08× against a claimed 1.85×.
        Judgement j = Rules.ratio(120.0 / 65, between(1.12, 0.705, 2.08));
        assertEquals(Verdict.INCONCLUSIVE, j.verdict(), j.why());
        assertTrue(j.why().contains("covers both"), j.why());
        // The same point with a narrow interval is judged as before.
        assertEquals(Verdict.DIRECTION_ONLY, Rules.ratio(120.0 / 65, between(1.12, 1.11, 1.13)).verdict());
        // Beyond noise throughout and reaching the claimed effect: holds, even when the point alone would not.
        assertEquals(Verdict.HOLDS, Rules.ratio(120.0 / 65, between(1.3, 1.2, 1.6)).verdict());
        // An interval that reaches no difference but not the claimed effect does not hold.
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.ratio(3.84, between(1.05, 0.9, 1.3)).verdict());
    }

    @Test
    void claimsInWordsAndAbsoluteFiguresAreJudgedOnTheirIntervalsToo() {
        assertEquals(Verdict.INCONCLUSIVE, Rules.higher(between(2.22, 0.584, 4.49)).verdict());
        assertEquals(Verdict.HOLDS, Rules.higher(between(22.3, 13.2, 44.2)).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.higher(between(1.0, 0.95, 1.05)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Rules.absolute(3.1e6, between(15.2e6, 7.16e6, 20.0e6)).verdict());
        assertEquals(Verdict.HOLDS, Rules.absolute(8_200, between(9_000, 6_000, 12_000)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Rules.within(1e4, 1e5, between(49_200, 38_800, 113_000), "tens of thousands").verdict());
    }

    @Test
    void aCutIsJudgedOnTheCutWithinTwofold() {
        assertEquals(Verdict.HOLDS, Rules.cut(0.78, between(1.0, 0.99, 1.0)).verdict());
        assertEquals(Verdict.DIRECTION_ONLY, Rules.cut(0.78, between(0.2, 0.15, 0.25)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Rules.cut(0.78, between(0.4, -0.1, 0.9)).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.cut(0.78, between(0.0, -0.05, 0.05)).verdict());
    }

    @Test
    void aRatioOverZeroPrintsInfinityAsTheSign() {
        Measured m = new Measured(5, 0, 10, "a", "").over(new Measured(2, 0, 4, "b", ""));
        assertTrue(m.text().contains("∞") && !m.text().contains("Infinity"), m.text());
        Judgement j = Rules.higher(m);
        assertEquals(Verdict.INCONCLUSIVE, j.verdict());
        assertFalse(j.why().contains("Infinity"), j.why());
    }

    @Test
    void tautologiesAreTrueByConstructionNotHolds() {
        assertEquals(Verdict.BY_CONSTRUCTION, Rules.byConstruction(true, "x").verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Rules.byConstruction(false, "x").verdict());
    }
}
