package dev.authbisect.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** authbisect's cache folder: clones, materialized modules, builds, the redaction key. */
public final class CacheDir {
    private CacheDir() {
    }

    /** {@code $AUTHBISECT_CACHE}, else {@code $XDG_CACHE_HOME/authbisect}, else {@code ~/.cache/authbisect}. */
    public static Path defaultFor(Map<String, String> env) {
        String explicit = env.get("AUTHBISECT_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "authbisect").toAbsolutePath();
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "authbisect").toAbsolutePath();
    }

    /** Above this many bytes of builds a run that built something says so: {@code $AUTHBISECT_CACHE_WARN_SIZE} (e.g. 10G), else 5 GB. */
    public static long warnBytes(Map<String, String> env) {
        return java.util.Optional.ofNullable(env.get("AUTHBISECT_CACHE_WARN_SIZE")).flatMap(dev.authbisect.workspace.ByteSizes::parse)
                .orElse(5L * 1024 * 1024 * 1024);
    }

    /**
     * The key of the short keyed hashes of keys the redactor has no secret for (a key the code sent
     * that is no environment's), created once per cache. Environments' keys do not use it: they are
     * shown as {@code Redactor.keyId(Credentials)}, the same on every machine.
     */
    public static byte[] redactionKey(Path cache) {
        Path file = cache.resolve("redaction.key");
        try {
            if (Files.isRegularFile(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length >= 16) {
                    return key;
                }
            }
            Files.createDirectories(cache);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(cache, "redaction", ".tmp");
            Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(tmp);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw dev.authbisect.core.ExitException.usage("--cache " + cache + ": cannot use it as authbisect's cache folder ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "; expected a writable folder)");
        }
    }
}
