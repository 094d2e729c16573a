package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a drift baseline lives ({@code --baseline}): a result.json file, or a file in a git
 * repository at a ref ({@code git:REF:PATH}, read like {@code git show REF:PATH} from the
 * repository that holds the working folder). A baseline is any result.json written by
 * {@code run}, {@code demo} or {@code drift} (schema {@code authbisect.result/1} or {@code /2}).
 *
 * <pre>{@code
 * BaselineSource src = BaselineSource.parse("git:authbisect-baseline:drift/baseline.json", Path.of(""));
 * Optional<RunResult> baseline = src.read();          // empty: no baseline yet
 * src.write(tonight, "nightly");                       // --update-baseline
 * }</pre>
 */
public sealed interface BaselineSource permits BaselineSource.File, GitBaseline {
    /** The prefix of git baselines. */
    String GIT_PREFIX = "git:";

    /** As the user wrote it (for messages and reports). */
    String describe();

    /** The baseline, or empty when there is none there yet; a malformed one is a usage error. */
    Optional<RunResult> read();

    /** Writes {@code result} as the new baseline; returns where it went, in words. */
    String write(RunResult result, String why);

    /** {@code FILE} or {@code git:REF:PATH}; relative FILEs and the git repository are resolved against {@code workingDir}. */
    static BaselineSource parse(String spec, Path workingDir) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty()) {
            throw ExitException.usage("--baseline: expected FILE or git:REF:PATH, got nothing");
        }
        if (s.startsWith(GIT_PREFIX)) {
            return GitBaseline.parse(s, workingDir);
        }
        return new File(workingDir.resolve(s).toAbsolutePath().normalize(), s);
    }

    /** A result.json file. */
    record File(Path file, String describe) implements BaselineSource {
        @Override
        public Optional<RunResult> read() {
            if (Files.isDirectory(file)) {
                throw ExitException.usage("--baseline " + describe + ": is a folder (expected a result.json file)");
            }
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(ResultJson.read(file));
        }

        @Override
        public String write(RunResult result, String why) {
            try {
                Path parent = file.getParent();
                Files.createDirectories(parent);
                Path tmp = Files.createTempFile(parent, ".baseline", ".tmp");
                try {
                    ResultJson.write(result, tmp);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return file.toString();
            } catch (IOException e) {
                throw ExitException.usage("--baseline " + describe + ": cannot write the new baseline ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (UncheckedIOException e) {
                throw ExitException.usage("--baseline " + describe + ": cannot write the new baseline (" + e.getMessage() + ")");
            }
        }
    }
}
