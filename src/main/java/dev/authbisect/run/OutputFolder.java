package dev.authbisect.run;

import dev.authbisect.core.ExitException;
import dev.authbisect.core.IoFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates an output folder, or says in one line why it cannot. */
public final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * Creates {@code dir} (and {@code dir/logs} when {@code withLogs}) and checks that it takes files; a usage
     * error (exit 2) names {@code option} and the reason (read-only, permission denied, disk full …).
     */
    public static Path create(Path dir, String option, boolean withLogs) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw ExitException.usage(option + " " + dir + ": exists and is not a folder (expected a folder to write the reports into)");
        }
        try {
            Files.createDirectories(withLogs ? dir.resolve("logs") : dir);
        } catch (IOException e) {
            throw IoFailure.userPath(option, dir, "create the folder", e);
        }
        try {
            // an existing folder may not take files (read-only, another owner): say so now, not after the trials
            Files.delete(Files.createTempFile(dir, ".authbisect-", ".probe"));
        } catch (IOException e) {
            throw IoFailure.userPath(option, dir, "write into the folder", e);
        }
        return dir;
    }
}
