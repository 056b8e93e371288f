package io.concbench.micro.switching;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VolleyTest {

    @Test
    void everyHandoffPlaysBatchesOnBothThreadKindsAndStops() throws InterruptedException {
        for (String handoff : new String[] {"synchronousQueue", "exchanger", "parkUnpark"}) {
            for (String kind : new String[] {"platform", "virtual"}) {
                try (Volley volley = new Volley(Handoff.named(handoff), Volley.threads(kind))) {
                    assertEquals(1, volley.play(1_000), handoff + " " + kind);
                    assertEquals(2, volley.play(1_000), handoff + " " + kind);
                }
            }
        }
    }

    @Test
    void unknownNamesAreRefusedWithTheChoices() {
        assertThrows(IllegalArgumentException.class, () -> Handoff.named("pipe"));
        assertThrows(IllegalArgumentException.class, () -> Volley.threads("green"));
    }
}
