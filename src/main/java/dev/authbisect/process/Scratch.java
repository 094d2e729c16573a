package dev.authbisect.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The private folders of one process: an empty working folder, a HOME and a TMPDIR, under a
 * fresh folder of {@code root}. Closing removes them (the probe may have written credentials).
 */
public final class Scratch implements AutoCloseable {
    private final Path base;

    private Scratch(Path base) {
        this.base = base;
    }

    public static Scratch create(Path root, String prefix) {
        try {
            Files.createDirectories(root);
            Path base = Files.createTempDirectory(root, prefix);
            Files.createDirectory(base.resolve("work"));
            Files.createDirectory(base.resolve("home"));
            Files.createDirectory(base.resolve("tmp"));
            return new Scratch(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder under " + root, e);
        }
    }

    public Path work() {
        return base.resolve("work");
    }

    public Path home() {
        return base.resolve("home");
    }

    public Path tmp() {
        return base.resolve("tmp");
    }

    /**
     * The start of a clean child environment: {@code HOME} and {@code TMPDIR} in this scratch
     * folder and {@code LANG=C.UTF-8}; nothing of this JVM's environment.
     */
    public java.util.Map<String, String> baseEnv() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("HOME", home().toString());
        env.put("TMPDIR", tmp().toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    @Override
    public void close() {
        deleteTree(base);
    }

    /** Removes a folder tree without following symlinks; best effort (a file still open stays). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    d.toFile().setWritable(true, true); // a probe may leave read-only folders
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover scratch folder is harmless and lies under the run's own folder
        }
    }
}
