package io.concbench.model.multiprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class-data-sharing archive of what a worker loads, made once per JDK, class path and flags, so a
 * worker that replaces a dead one reads its classes mapped from one file instead of parsing and
 * verifying about 1,200 of them from the jar: a worker reaches READY on roughly half the CPU time.
 * The archive is made by one training worker on a free port (it serves one request so the serving
 * classes are in it too, then stops and writes the archive at exit), under the temporary directory,
 * keyed by everything the JVM checks, and reused by every later supervisor. Where it cannot be made
 * (an old JDK, a read-only directory, a training worker that fails) workers start without it and
 * the facts say why; nothing else changes.
 */
final class WorkerArchive {

    static final String DIRECTORY = "concbench-cds";
    private static final Pattern PORT = Pattern.compile("\"port\"\\s*:\\s*(\\d+)");

    private WorkerArchive() {
    }

    /** Where the archive for {@code command} lives, in {@code directory}. */
    static Path location(Path directory, WorkerCommand command) {
        return directory.resolve("worker-" + key(command) + ".jsa");
    }

    /**
     * The archive for {@code command}, made now if missing; empty, after one line on stderr, when it
     * cannot be made within {@code timeout}. A user's own {@code -XX:SharedArchiveFile} or
     * {@code -Xshare:off} wins: then empty, silently.
     */
    static Path ensure(Path directory, WorkerCommand command, Duration timeout) throws InterruptedException {
        if (command.flags().kept().stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile") || f.equals("-Xshare:off"))) {
            return null;
        }
        for (String entry : classPath(command)) {
            if (Files.isDirectory(Path.of(entry))) {
                return null;                       // CDS archives classes from jars only (e.g. under a test runner)
            }
        }
        Path archive = location(directory, command);
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        try {
            Files.createDirectories(directory);
            Path partial = directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            train(command.training(partial), timeout);
            if (!Files.isRegularFile(partial)) {
                throw new IOException("the training worker wrote no archive");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return archive;
        } catch (IOException e) {
            System.err.println("multiprocess: workers start without a class-data archive (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Runs the training worker: READY, one request to its own port, stop; the JVM writes the archive as it exits. */
    private static void train(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY ")) {
                throw new IOException("the training worker did not start");
            }
            Matcher port = PORT.matcher(ready);
            if (port.find()) {
                serveOne(Integer.parseInt(port.group(1)));
            }
            OutputStream in = p.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the training worker did not stop within " + timeout.toSeconds() + " s");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static void serveOne(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: cds\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readAllBytes();
        } catch (IOException ignored) {
            // the archive is then without the serving classes: still most of the start-up
        }
    }

    private static String[] classPath(WorkerCommand command) {
        List<String> c = command.command();
        return c.get(c.indexOf("-cp") + 1).split(java.io.File.pathSeparator);
    }

    /** What the JVM checks before it maps an archive: the binary, the class path (with sizes and times) and the flags. */
    static String key(WorkerCommand command) {
        List<String> parts = new ArrayList<>(command.command().subList(0, command.command().indexOf(WorkerCommand.SERVE_MAIN)));
        parts.add(System.getProperty("java.vm.version"));
        for (String entry : classPath(command)) {
            Path p = Path.of(entry);
            try {
                parts.add(Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            } catch (IOException e) {
                parts.add("missing");
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
