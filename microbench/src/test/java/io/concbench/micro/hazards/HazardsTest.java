package io.concbench.micro.hazards;

import io.concbench.harness.result.Json;
import io.concbench.harness.serve.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the T7 demonstration guarantees whatever the scheduler does; lost updates themselves are up to it. */
class HazardsTest {

    private static final Hazards.Settings TINY = new Hazards.Settings(2, 20_000, 50, 200, 1_000);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void remediesLoseNothingTheCrossedLocksDeadlockAndAreFreedAndTheFixedOrderCompletes() throws Exception {
        Hazards.Result r = Hazards.run(TINY);

        assertEquals(40_000, r.race().expected());
        assertEquals(5, r.race().counts().size());
        for (Hazards.Count c : r.race().counts()) {
            assertEquals(r.race().expected() - c.counted(), c.lost(), c.counter());
            if (c.synchronised()) {
                assertEquals(0, c.lost(), c.counter() + " is a remedy");
            } else {
                assertTrue(c.counted() <= r.race().expected(), "increments are only ever lost, never invented");
            }
        }
        Hazards.Deadlock d = r.deadlock();
        assertTrue(d.stuck(), "the barrier makes the cycle certain");
        assertEquals(2, d.deadlockedThreads().size(), d.deadlockedThreads().toString());
        assertTrue(d.released(), "the interrupt frees both");
        assertTrue(d.orderedCompleted());
        assertEquals(2, r.starvation().unfair().acquisitions().size());
        assertEquals(2, r.starvation().fair().acquisitions().size());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("t7-") && t.isAlive()),
                "no demonstration thread is left behind");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mainWritesTheResultAsJsonToTheFileNamedWithTheSizesAskedFor(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("hazards.json");
        List<String> args = new ArrayList<>(TINY.args());
        args.add(file.toString());

        assertEquals(0, Cli.execute(new CommandLine(new Hazards()), args.toArray(String[]::new)));

        Hazards.Result r = Json.MAPPER.readValue(file.toFile(), Hazards.Result.class);
        assertEquals(TINY.threads(), r.race().threads());
        assertEquals(TINY.incrementsPerThread(), r.race().incrementsPerThread());
        assertEquals(TINY.deadlockTimeoutMillis(), r.deadlock().timeoutMillis());
        assertEquals(TINY.orderedRounds(), r.deadlock().orderedRounds());
        assertEquals(TINY.starvationMillis(), r.starvation().millisPerLock());
    }
}
