package dev.authbisect.run;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.report.Format;
import dev.authbisect.report.ReportWriter;
import java.nio.file.Path;

/**
 * A finished run: its result and the folder its reports were written to.
 *
 * @param result the run's result (also in {@code dir/result.json})
 * @param dir    the report folder ({@code index.html}, {@code result.json}, {@code summary.md}, {@code junit.xml}, …)
 */
public record RunOutcome(RunResult result, Path dir) {
    static RunOutcome write(RunResult result, Path dir) {
        ReportWriter.write(result, dir, java.util.EnumSet.allOf(Format.class));
        return new RunOutcome(result, dir);
    }

    public Path indexHtml() {
        return dir.resolve("index.html");
    }

    /**
     * The result's warnings for the end of the run's terminal output: all but the note about untested
     * uncommitted changes, which the listener was told before the trials ({@link RunListener#uncommittedChanges}).
     */
    public java.util.List<String> warningsAtTheEnd() {
        return result.warnings().stream().filter(w -> !w.endsWith(Worktrees.UNTESTED_NOTE_END)).toList();
    }

    public int exitCode() {
        return result.exitCode();
    }
}
