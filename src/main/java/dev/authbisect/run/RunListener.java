package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import java.util.List;

/** Progress of a run, for the CLI (a bar on a TTY, log lines otherwise). Called from worker threads. */
public interface RunListener {
    /** The plan is known: {@code trials} probe and reference trials will run. */
    default void planned(int moduleVersions, int commits, int trials) {
    }

    /** One trial finished ({@code what} is e.g. "mv3 × prod", already redacted). */
    default void trialFinished(String what, List<Cell> cells) {
    }

    /**
     * One trial finished, with the log file of its last attempt (probe output, or the build log when the
     * build failed); reference trials have none. By default the same as {@link #trialFinished(String, List)}.
     */
    default void trialFinished(String what, List<Cell> cells, java.util.Optional<java.nio.file.Path> log) {
        trialFinished(what, cells);
    }

    /**
     * The target repository's working tree has uncommitted changes under the module paths
     * ({@code paths}, sorted); {@code tested} when {@code --worktree} adds them as a row. Called once,
     * before the trials, and only when there are changes or {@code --worktree} was asked for.
     */
    default void uncommittedChanges(List<String> paths, boolean tested) {
    }

    /** A one-line note about the run itself (an earlier report cleared from --out, trials resumed, the cache's size). */
    default void note(String line) {
    }

    RunListener SILENT = new RunListener() {
    };
}
