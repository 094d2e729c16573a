package dev.authbisect.run;

import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates an output folder, or says in one line why it cannot. */
public final class OutputFolder {
    private OutputFolder() {
    }

    /** Creates {@code dir} (and {@code dir/logs} when {@code withLogs}); a usage error names {@code option}. */
    public static Path create(Path dir, String option, boolean withLogs) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw ExitException.usage(option + " " + dir + ": exists and is not a folder (expected a folder to write the reports into)");
        }
        try {
            Files.createDirectories(withLogs ? dir.resolve("logs") : dir);
            return dir;
        } catch (IOException e) {
            throw ExitException.usage(option + " " + dir + ": cannot create the folder (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
