package io.concbench.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code name[:W][+static|+dynamic]}: what serve and the client get, the file stem, and the refusals. */
class ModelSpecTest {

    @Test
    void aPlainModelHasNoChainAndNoHeader() {
        ModelSpec s = ModelSpec.parse("reactor:1");
        assertEquals(new ModelSpec("reactor", 1, ""), s);
        assertFalse(s.chained());
        assertEquals("reactor-w1", s.fileStem());
        assertEquals(List.of("--model", "reactor", "--port", "0", "--workers", "1"), s.serveArgs());
        assertEquals(List.of(), s.clientHeaders());
        assertEquals(new ModelSpec("virtual", 0, ""), ModelSpec.parse("virtual"));
    }

    @Test
    void aChainedModelPassesTheChainToServeAndTheAuthHeaderToTheClient() {
        ModelSpec s = ModelSpec.parse("reactor:1+static");
        assertEquals(new ModelSpec("reactor", 1, "static"), s);
        assertEquals("reactor-w1-static", s.fileStem());
        assertEquals(List.of("--model", "reactor", "--port", "0", "--workers", "1", "--chain", "static", "--middlewares", "3"),
                s.serveArgs());
        assertEquals(List.of("Authorization: Bearer concbench"), s.clientHeaders());

        ModelSpec d = ModelSpec.parse("virtual+dynamic");
        assertEquals(new ModelSpec("virtual", 0, "dynamic"), d);
        assertEquals("virtual-dynamic", d.fileStem());
        assertTrue(d.serveArgs().containsAll(List.of("--chain", "dynamic")));
    }

    @Test
    void aBadSpecSaysWhatItShouldLookLike() {
        for (String bad : List.of("reactor:0", "reactor:x", ":2", "reactor+", "reactor+inline", "+static", "reactor:+static")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--models: '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void aChainedModelIsRefusedWithAnExternalDriverOrTheCrossCheck() {
        CompareOptions o = CompareOptions.defaults().withModels(List.of("reactor:1+static"));
        assertEquals("builtin", o.driver());
        IllegalArgumentException wrk = assertThrows(IllegalArgumentException.class, () -> o.withDriver("wrk"));
        assertEquals("--models reactor:1+static: a chained model needs the auth header only the built-in client sends;"
                + " drop --driver wrk or the +static", wrk.getMessage());
        IllegalArgumentException h2 = assertThrows(IllegalArgumentException.class, () -> o.withDriver("h2load"));
        assertTrue(h2.getMessage().contains("drop --driver h2load"), h2.getMessage());
        IllegalArgumentException cross = assertThrows(IllegalArgumentException.class, () -> o.withCrossCheck(true));
        assertTrue(cross.getMessage().contains("drop --crosscheck"), cross.getMessage());
        // An unchained model with the same drivers is fine.
        CompareOptions.defaults().withModels(List.of("reactor:1")).withDriver("wrk");
    }
}
