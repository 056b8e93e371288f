package io.concbench.harness.result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a result file whole or not at all: to a temporary file beside it, then renamed into place.
 * A run killed mid-write (a timeout, ^C, a full disk) leaves the previous file or none, never a
 * truncated one that a later {@code report} would read as data. Every result file (JSON, Markdown,
 * CSV, SVG, merged hlog) is written through here.
 */
public final class AtomicFiles {

    /**
     * A temporary file is created owner-only; asking for rw-r--r-- (less the umask, as for any new file)
     * keeps results readable by whoever reads them later, as a plainly written file would be.
     */
    private static final Set<String> POSIX = Set.of("posix");
    private static final FileAttribute<?>[] READABLE = {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};

    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to {@code file}, replacing it, creating its parent directories. The temporary
     * file is in the same directory, so the rename is atomic (same file system), and ends in
     * {@code .tmp}; it is removed if the write fails.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().containsAll(POSIX);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", posix ? READABLE : new FileAttribute<?>[0]);
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write(Path, byte[])} of {@code text} in UTF-8. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
