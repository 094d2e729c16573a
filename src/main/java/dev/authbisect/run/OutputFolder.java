package dev.authbisect.run;

import dev.authbisect.core.ExitException;
import dev.authbisect.core.IoFailure;
import dev.authbisect.process.Scratch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Creates an output folder, or says in one line why it cannot.
 *
 * <p>A new run never mixes its files with an earlier run's ({@link #forNewRun}): an empty or missing
 * folder is used as it is; a folder that holds only files authbisect writes into a report folder
 * (a finished earlier report) is cleared of them, and the caller is told which; a folder that holds
 * an interrupted run (its journal without a finished {@code result.json}) is refused with the
 * {@code --resume} command that finishes it; a folder with anything else in it is refused, naming
 * a file authbisect did not write. Nothing the tool did not write is ever deleted.
 */
public final class OutputFolder {
    /** What authbisect writes at the top of a report folder (run, bisect, drift, check --probe). */
    static final Set<String> OWN_FILES = Set.of("index.html", "result.json", "summary.md", "junit.xml", "journal.jsonl",
            "logs", "bisect.json", "bisect.log", "bisect.html", "drift.json", "trend.html");

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

    /**
     * Makes {@code dir} ready for a new run (see the class comment) and creates it with {@code logs/}.
     *
     * @return a sentence naming what was cleared, when an earlier report was there
     */
    public static Optional<String> forNewRun(Path dir, String option) {
        List<String> entries = entries(dir, option);
        if (entries.isEmpty()) {
            create(dir, option, true);
            return Optional.empty();
        }
        if (RunState.of(dir) == RunState.INTERRUPTED) {
            throw ExitException.usage(option + " " + dir + ": holds an interrupted run (journal.jsonl without a finished result.json); "
                    + "finish it with 'authbisect run --config F --resume " + dir + "', or choose another folder");
        }
        List<String> foreign = entries.stream().filter(e -> !own(e)).toList();
        if (!foreign.isEmpty()) {
            throw ExitException.usage(option + " " + dir + ": not empty and holds files authbisect did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(3, foreign.size()))) + (foreign.size() > 3 ? ", …" : "")
                    + "); a run never mixes its reports with other files: choose an empty or new folder");
        }
        for (String e : entries) {
            Scratch.deleteTree(dir.resolve(e));
            if (Files.exists(dir.resolve(e), LinkOption.NOFOLLOW_LINKS)) {
                throw ExitException.usage(option + " " + dir + ": cannot remove the earlier report's " + e + " (check its permissions)");
            }
        }
        create(dir, option, true);
        return Optional.of(option + " " + dir + ": removed the earlier report there (" + String.join(", ", entries) + ")");
    }

    /** What a report folder holds, as far as {@code --out} and {@code --resume} care. */
    enum RunState {
        /** No journal: nothing or someone else's files. */
        NONE,
        /** A journal and a result.json marked complete. */
        FINISHED,
        /** A journal without result.json, or with one marked incomplete (interrupted). */
        INTERRUPTED;

        static RunState of(Path dir) {
            if (!Files.isRegularFile(dir.resolve("journal.jsonl"), LinkOption.NOFOLLOW_LINKS)) {
                return NONE;
            }
            Path result = dir.resolve("result.json");
            if (!Files.isRegularFile(result, LinkOption.NOFOLLOW_LINKS)) {
                return INTERRUPTED;
            }
            try {
                var node = dev.authbisect.core.Json.mapper().readTree(result.toFile());
                return node.path("complete").asBoolean(true) ? FINISHED : INTERRUPTED;
            } catch (IOException e) {
                return INTERRUPTED;
            }
        }
    }

    private static boolean emptyFolder(Path p) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean own(String name) {
        // ReportWriter's and SafeFiles' temporary files: ".result.json.tmp", ".index.html.1a2b….tmp"
        return OWN_FILES.contains(name) || name.startsWith(".") && name.endsWith(".tmp");
    }

    private static List<String> entries(Path dir, String option) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            throw ExitException.usage(option + " " + dir + ": exists and is not a folder (expected a folder to write the reports into)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            // an empty logs/ is no earlier report (it may be a mount point the user prepared): kept as it is
            return new ArrayList<>(s.filter(p -> !(p.getFileName().toString().equals("logs") && emptyFolder(p)))
                    .map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw ExitException.usage(option + " " + dir + ": cannot read the folder (" + e.getClass().getSimpleName() + ")");
        }
    }
}
