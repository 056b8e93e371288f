package io.concbench.loadgen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a live progress line makes sense. Stateless. */
final class Terminal {

    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {}

    /**
     * True when stderr is a terminal. {@code System.console()} cannot tell since JDK 22 (it returns a
     * console even when redirected), so ask the kernel where file descriptor 2 points.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(STDERR).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
