package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.HostInfo;
import io.concbench.harness.result.Json;
import io.concbench.micro.hazards.Hazards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code reproduce --experiments}: only the experiments named run, and an unknown id is a user error. */
class ExperimentsOptionTest {

    private static final Hazards.Settings TINY = new Hazards.Settings(2, 20_000, 50, 200, 1_000);

    @TempDir
    Path tmp;

    @Test
    void anUnknownExperimentIsNamedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reproduce.selectExperiments(List.of("t12-end-to-end", "nope"), List.of("t12-end-to-end", "t6-timed")));
        assertEquals("--experiments: unknown experiment 'nope'; valid ids: t12-end-to-end, t6-timed (e.g. --experiments t12-end-to-end)",
                e.getMessage());
        assertEquals(List.of("t6-timed", "t12-end-to-end"),
                Reproduce.selectExperiments(List.of(" t6-timed", "t12-end-to-end", "t6-timed"), List.of("t12-end-to-end", "t6-timed")));
    }

    @Test
    void onlyTheNamedExperimentRunsEvenWhenNoTableIsJudged() throws Exception {
        Settings s = Settings.quick().withHazards(TINY);
        Map<String, Experiment> all = Experiments.all(s, tmp.resolve("no.jar"), tmp.resolve("no.jar"), tmp, 2);
        Path dir = tmp.resolve("run");
        StringWriter log = new StringWriter();
        int code = new ReproduceRun(s, all, dir, new PrintWriter(log, true))
                .run(List.of(), HostInfo.detect(), tmp.resolve("no.jar"), List.of(Experiments.HAZARDS));
        assertEquals(0, code, log.toString());
        JsonNode manifest = Json.MAPPER.readTree(dir.resolve(Manifest.FILE).toFile());
        assertEquals(List.of(Experiments.HAZARDS), manifest.path("experiments").findValuesAsText("id"));
        assertTrue(manifest.path("experiments").get(0).path("ok").asBoolean(), manifest.toString());
        assertTrue(Files.isRegularFile(dir.resolve(Experiments.HAZARDS + ".json")));
        assertTrue(log.toString().contains("[" + Experiments.HAZARDS + "] no table judges it yet"), log.toString());
        assertTrue(Files.notExists(dir.resolve(ReproduceRun.DOCUMENT)), "no table, no document");
    }
}
