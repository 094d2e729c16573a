package dev.authbisect.workspace;

import dev.authbisect.core.KeyLock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.config.BuildSpec;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Redactor;
import dev.authbisect.process.ProcessOutcome;
import dev.authbisect.process.ProcessRequest;
import dev.authbisect.process.ProcessResult;
import dev.authbisect.process.ProcessRunner;
import dev.authbisect.process.Scratch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Materializes and builds each module version once, and reuses the result.
 *
 * <p>Layout: {@code <cacheDir>/<key>/module/} (the module, built in place),
 * {@code <key>/build.json} (the outcome, written last and atomically: its presence marks a
 * complete entry) and {@code <key>/build.log}. The key is a hash of the module version id, the
 * module paths and excludes, and the build command.
 *
 * <p>Concurrency: preparing one key is serialized across threads and processes by a lock file
 * ({@code <key>.lock}); a waiter finds the winner's {@code build.json} and reuses its entry. The
 * build runs in the folder the probe will use (not in a temporary folder renamed afterwards)
 * because builds record absolute paths (virtualenvs, editable installs). An entry without
 * {@code build.json} was left by a crashed run and is rebuilt.
 */
public final class BuildCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "authbisect.build/1";

    private final Path cacheDir;
    private final ProcessRunner processes;

    public BuildCache(Path cacheDir) {
        this(cacheDir, new ProcessRunner());
    }

    public BuildCache(Path cacheDir, ProcessRunner processes) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.processes = processes;
    }

    /**
     * The module version {@code moduleVersionId}, materialized from {@code representativeCommit} and
     * built with {@code build} (if any), from the cache when it is there. Support paths are taken from
     * the same commit; their object ids join the cache key (not the module version).
     */
    public PreparedModule prepare(Repository repo, ObjectId representativeCommit, String moduleVersionId,
                                  ModuleSpec spec, Optional<BuildSpec> build, Redactor redactor) {
        return prepare(moduleVersionId + SupportFiles.digestAt(repo, representativeCommit, spec), spec, build, redactor,
                representativeCommit.name(), dir -> Materializer.materialize(repo, representativeCommit, spec, dir));
    }

    /**
     * The module version {@code moduleVersionId}, written by {@code materialize} into an empty folder
     * (e.g. from the working tree) and built, from the cache when it is there; {@code source} names
     * where it came from in {@code build.json}.
     */
    public PreparedModule prepare(String moduleVersionId, ModuleSpec spec, Optional<BuildSpec> build, Redactor redactor,
                                  String source, java.util.function.Consumer<Path> materialize) {
        String key = key(moduleVersionId, spec, build);
        Path entry = cacheDir.resolve(key);
        Optional<PreparedModule> cached = read(entry);
        if (cached.isPresent()) {
            CacheInventory.touch(entry);
            return cached.get();
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the build cache " + cacheDir, e);
        }
        try (KeyLock lock = KeyLock.acquire(cacheDir.resolve(key + ".lock"))) {
            cached = read(entry);
            if (cached.isPresent()) {
                CacheInventory.touch(entry);
                return cached.get();
            }
            Scratch.deleteTree(entry); // incomplete: a run died while preparing it
            Path module = entry.resolve("module");
            BuildOutcome outcome;
            try {
                materialize.accept(module);
                outcome = build.isPresent()
                        ? runBuild(build.get(), entry, module, redactor)
                        : new BuildOutcome(BuildOutcome.Status.NONE, null, Duration.ZERO,
                        writeLog(entry, "no build configured\n"), false, "no build configured");
            } catch (RefusedTree refused) {
                outcome = refuse(entry, refused.reason());
            }
            if (!SafeFiles.isRealFolder(module)) {
                outcome = refuse(entry, "build output module: the module folder was replaced by a symlink or a file");
            }
            writeRecord(entry, moduleVersionId, source, build, outcome, CacheInventory.bytesOf(entry));
            CacheInventory.touch(entry);
            return new PreparedModule(module, outcome);
        }
    }

    /** A module version that must not be probed: its folder is emptied (nothing of it runs) and the reason recorded. */
    private static BuildOutcome refuse(Path entry, String reason) {
        Path module = entry.resolve("module");
        Scratch.deleteTree(module);
        try {
            Files.createDirectories(module);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + module, e);
        }
        return new BuildOutcome(BuildOutcome.Status.REFUSED, null, Duration.ZERO,
                writeLog(entry, "refused: " + reason + "\n"), false, reason);
    }

    /** The cache key: hex of SHA-256 over the module version id, module paths, excludes, support paths and build command. */
    public static String key(String moduleVersionId, ModuleSpec spec, Optional<BuildSpec> build) {
        StringBuilder s = new StringBuilder("module_version\0").append(moduleVersionId);
        s.append("\npaths\0").append(String.join("\0", spec.paths()));
        s.append("\nexclude\0").append(String.join("\0", spec.exclude()));
        if (!spec.support().isEmpty()) {
            s.append("\nsupport\0").append(String.join("\0", spec.support()));
        }
        s.append("\nbuild\0").append(build.map(b -> String.join("\0", b.command())).orElse(""));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private BuildOutcome runBuild(BuildSpec build, Path entry, Path module, Redactor redactor) {
        ProcessResult r;
        try (Scratch scratch = Scratch.create(entry, "build-")) {
            r = processes.run(ProcessRequest.of("build command", build.command(), module, scratch.baseEnv(), build.timeout()),
                    redactor);
        }
        BuildOutcome.Status status;
        Integer exitCode = null;
        if (r.outcome() instanceof ProcessOutcome.Exited e) {
            exitCode = e.code();
            status = e.code() == 0 ? BuildOutcome.Status.OK : BuildOutcome.Status.FAILED;
        } else if (r.outcome() instanceof ProcessOutcome.TimedOut) {
            status = BuildOutcome.Status.TIMEOUT;
        } else {
            status = BuildOutcome.Status.FAILED;
        }
        String detail = r.outcome().describe();
        String log = "$ " + redactor.redact(String.join(" ", build.command())) + "\n"
                + detail + " in " + r.duration().toMillis() + " ms\n"
                + "--- stdout (" + r.stdoutBytes() + " bytes) ---\n" + withNewline(r.stdoutTail())
                + "--- stderr (" + r.stderrBytes() + " bytes) ---\n" + withNewline(r.stderrTail());
        return new BuildOutcome(status, exitCode, r.duration(), writeLog(entry, log), false, detail);
    }

    private static String withNewline(String s) {
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private static Path writeLog(Path entry, String text) {
        Path log = entry.resolve("build.log");
        SafeFiles.write(log, text.getBytes(StandardCharsets.UTF_8)); // the build could have planted a link there
        return log;
    }

    private static void writeRecord(Path entry, String moduleVersionId, String source, Optional<BuildSpec> build,
                                    BuildOutcome outcome, long bytes) {
        ObjectNode json = JSON.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("module_version", moduleVersionId);
        json.put("commit", source);
        build.ifPresent(b -> b.command().forEach(json.putArray("command")::add));
        json.put("status", outcome.status().name());
        if (outcome.exitCode() != null) {
            json.put("exit_code", outcome.exitCode());
        }
        json.put("duration_ms", outcome.duration().toMillis());
        json.put("detail", outcome.detail());
        json.put("size_bytes", bytes);
        try {
            SafeFiles.write(entry.resolve("build.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The complete entry at {@code entry}, if there is one. */
    private static Optional<PreparedModule> read(Path entry) {
        Path record = entry.resolve("build.json");
        Optional<byte[]> bytes = SafeFiles.readRegular(record, 64 * 1024);
        if (bytes.isEmpty() || !SafeFiles.isRealFolder(entry.resolve("module"))) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(bytes.get());
            if (!SCHEMA.equals(json.path("schema").asText())) {
                return Optional.empty();
            }
            BuildOutcome.Status status = BuildOutcome.Status.valueOf(json.path("status").asText());
            if (status == BuildOutcome.Status.TIMEOUT) {
                return Optional.empty(); // a timeout says nothing about the code: build again (maybe with a longer timeout)
            }
            BuildOutcome outcome = new BuildOutcome(status,
                    json.has("exit_code") ? json.get("exit_code").asInt() : null,
                    Duration.ofMillis(json.path("duration_ms").asLong()),
                    entry.resolve("build.log"), true, json.path("detail").asText());
            return Optional.of(new PreparedModule(entry.resolve("module"), outcome));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: prepared again under the lock
        }
    }

    /** Where the entries live. */
    public Path dir() {
        return cacheDir;
    }
}
