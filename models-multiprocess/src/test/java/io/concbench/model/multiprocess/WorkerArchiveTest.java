package io.concbench.model.multiprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class-data archive workers start from: made once from jars, reused, and usable by a worker. */
class WorkerArchiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void madeOnceFromJarsAndAWorkerStartsFromIt() throws Exception {
        WorkerCommand command = command(jarClassPath());
        Path archive = WorkerArchive.ensure(dir.resolve("cds"), command, TIMEOUT);
        assertEquals(WorkerArchive.location(dir.resolve("cds"), command), archive);
        assertTrue(Files.size(archive) > 0);
        try (Stream<Path> files = Files.list(dir.resolve("cds"))) {
            assertEquals(List.of(archive), files.toList(), "no training leftovers");
        }

        FileTime made = Files.getLastModifiedTime(archive);
        assertEquals(archive, WorkerArchive.ensure(dir.resolve("cds"), command, TIMEOUT));
        assertEquals(made, Files.getLastModifiedTime(archive), "the second supervisor reuses it");

        // -Xshare:on makes the JVM refuse to start rather than run without an archive it cannot map.
        List<String> worker = new ArrayList<>(command.withArchive(archive).command());
        worker.add(worker.indexOf("-cp"), "-Xshare:on");
        Process p = new ProcessBuilder(worker).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(ready != null && ready.startsWith("READY "), "worker printed " + ready);
            p.getOutputStream().write("stop\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            assertTrue(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void noArchiveFromClassDirectoriesOrWhenTheFlagsChooseTheirOwn() throws Exception {
        assertNull(WorkerArchive.ensure(dir, command(System.getProperty("java.class.path")), TIMEOUT));
        WorkerCommand own = new WorkerCommand(List.of(JAVA, "-XX:SharedArchiveFile=/elsewhere.jsa", "-cp", "x.jar",
                WorkerCommand.SERVE_MAIN, "--port", "1", "--reuseport"),
                new JvmFlags(List.of("-XX:SharedArchiveFile=/elsewhere.jsa"), List.of()));
        assertNull(WorkerArchive.ensure(dir, own, TIMEOUT));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    void trainingRunsOnAFreePortOfItsOwnAndWritesTheArchiveAtExit() {
        WorkerCommand c = command("a.jar");
        List<String> training = c.training(Path.of("/tmp/x.jsa"));
        assertEquals("0", training.get(training.indexOf("--port") + 1));
        assertFalse(training.contains("--reuseport"));
        assertTrue(training.indexOf("-XX:ArchiveClassesAtExit=/tmp/x.jsa") < training.indexOf("-cp"));
        List<String> worker = c.withArchive(Path.of("/tmp/x.jsa")).command();
        assertEquals("-XX:SharedArchiveFile=/tmp/x.jsa", worker.get(worker.indexOf("-cp") - 1));
        assertEquals("7070", worker.get(worker.indexOf("--port") + 1));
    }

    private static WorkerCommand command(String classPath) {
        List<String> flags = new ArrayList<>(JvmFlags.QUIET_STDOUT);
        flags.add("-Xmx64m");
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, WorkerCommand.SERVE_MAIN,
                "--model", "reactor", "--port", "7070", "--bind", "127.0.0.1", "--reuseport"));
        return new WorkerCommand(command, new JvmFlags(flags, List.of()));
    }

    /** The test's class path as jars only: the modules' class directories packed into one jar (service files merged). */
    private String jarClassPath() throws IOException {
        Path jar = dir.resolve("classes.jar");
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<String> written = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path root = Path.of(e);
                if (!Files.isDirectory(root)) {
                    entries.add(e);
                    continue;
                }
                if (root.endsWith("test-classes")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = root.relativize(f).toString().replace(File.separatorChar, '/');
                        if (name.startsWith("META-INF/services/")) {
                            services.computeIfAbsent(name, n -> new ByteArrayOutputStream()).writeBytes(Files.readAllBytes(f));
                            services.get(name).write('\n');
                        } else if (!written.contains(name)) {
                            written.add(name);
                            out.putNextEntry(new JarEntry(name));
                            out.write(Files.readAllBytes(f));
                            out.closeEntry();
                        }
                    }
                }
            }
            for (Map.Entry<String, ByteArrayOutputStream> s : services.entrySet()) {
                out.putNextEntry(new JarEntry(s.getKey()));
                out.write(s.getValue().toByteArray());
                out.closeEntry();
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
