package dev.authbisect.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Size limits for the files authbisect reads, enforced while reading (a device such as
 * {@code /dev/zero}, or a file growing meanwhile, is never read further than the limit):
 * credential files ({@code ${file:}}) and dotenv files 64 KiB, configs and scenarios 4 MiB.
 */
public final class FileLimits {
    /** A credential file or a dotenv file. */
    public static final int CREDENTIAL_FILE = 64 * 1024;
    /** A harness config or a simulator scenario. */
    public static final int YAML_FILE = 4 * 1024 * 1024;

    private FileLimits() {
    }

    /** Why a file could not be read within its limit: one line, the caller adds where. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The bytes of {@code file}, which must be a regular file (links to one are fine) of at most
     * {@code max} bytes.
     *
     * @throws Refused "not found", "is a folder", "is not a regular file (a device, FIFO or socket)",
     *                 "is over 64 KiB", or "cannot be read (AccessDeniedException)"
     */
    public static byte[] read(Path file, int max) throws Refused {
        if (!Files.exists(file)) {
            throw new Refused("not found");
        }
        if (Files.isDirectory(file)) {
            throw new Refused("is a folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new Refused("is not a regular file (a device, FIFO or socket)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new Refused("is over " + human(max));
            }
            return bytes;
        } catch (IOException e) {
            throw new Refused("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** "64 KiB", "4 MiB". */
    public static String human(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
