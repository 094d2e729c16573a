package dev.authbisect.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Writing and reading files in folders that code under test could have written to (a build runs
 * in its module folder, beside the cache entry's own files; a probe runs under the cache), without
 * ever following a link planted there: a build that leaves {@code build.log} as a symlink to
 * {@code ~/.bashrc} must neither get that file overwritten nor copied into a report.
 */
public final class SafeFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {
    }

    /**
     * Replaces {@code file} with {@code bytes}: written to a fresh, randomly named file in the same
     * folder (created new, never through a link) and renamed over {@code file} — a rename replaces a
     * symlink found there instead of following it.
     */
    public static void write(Path file, byte[] bytes) {
        byte[] name = new byte[8];
        RANDOM.nextBytes(name);
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + HexFormat.of().formatHex(name) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(bytes);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; that is what we report
            }
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Up to {@code max} bytes of {@code file} when it is a regular file (not a link, FIFO or device); empty otherwise. */
    public static Optional<byte[]> readRegular(Path file, int max) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readNBytes(max));
        } catch (IOException e) {
            return Optional.empty(); // replaced by a link between the check and the open: refused by O_NOFOLLOW
        }
    }

    /** True when {@code path} is a folder itself, not a link to one. */
    public static boolean isRealFolder(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }
}
