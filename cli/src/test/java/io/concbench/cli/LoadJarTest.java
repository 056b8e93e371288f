package io.concbench.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load-generator's own jar is what a user copies to a load-generating host: it runs {@code load}
 * by itself and carries no server model. Checked here, in the module built after it, on the jar the
 * build just made (tests run in the module's directory).
 */
class LoadJarTest {

    private static final Path JAR = Path.of("..", "load-generator", "target", "concbench-load.jar");

    private static JarFile jar() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: build the load-generator module first"
                + " (./scripts/test builds every module in order)");
        return new JarFile(JAR.toFile());
    }

    @Test
    void theLoadJarHoldsNoModelAndNoCliClass() throws IOException {
        try (JarFile j = jar()) {
            List<String> forbidden = j.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("io/concbench/model/") || n.startsWith("io/concbench/cli/")
                            || n.startsWith("io/concbench/compare/") || n.startsWith("io/concbench/reproduce/")
                            || n.equals("META-INF/services/io.concbench.harness.ServerModel"))
                    .toList();
            assertEquals(List.of(), forbidden);
            assertEquals("io.concbench.loadgen.cli.LoadMain", j.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void javaDashJarHelpPrintsTheLoadCommandsUsage() throws Exception {
        jar().close();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("Usage: concbench load "), out);
        assertTrue(out.contains("Open loop (-R)"), out);
    }
}
