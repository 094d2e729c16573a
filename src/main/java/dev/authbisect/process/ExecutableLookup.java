package dev.authbisect.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves a command's executable to an absolute path the way a shell would. */
public final class ExecutableLookup {
    private ExecutableLookup() {
    }

    /**
     * A name with a slash is taken relative to {@code cwd}; a bare name is looked up in each
     * entry of {@code searchPath} (empty entries mean the current directory, as in POSIX).
     */
    public static Optional<Path> resolve(String name, String searchPath, Path cwd) {
        try {
            if (name.contains("/")) {
                return executable(cwd.resolve(name).toAbsolutePath().normalize());
            }
            for (String dir : searchPath.split(":", -1)) {
                Path base = dir.isEmpty() ? cwd : Path.of(dir);
                Optional<Path> found = executable(base.resolve(name).toAbsolutePath().normalize());
                if (found.isPresent()) {
                    return found;
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** The message when {@link #resolve} found nothing. */
    public static String notFound(String label, String name, String searchPath, Path cwd) {
        if (name.contains("/")) {
            Path p = cwd.resolve(name).toAbsolutePath().normalize();
            String why = Files.exists(p) ? "not an executable file" : "no such file";
            return label + " not found: '" + name + "' (" + why + ": " + p + ")";
        }
        return label + " not found: '" + name + "' (not on PATH " + searchPath + ")";
    }
}
