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
        try {
            ReportWriter.write(result, dir, java.util.EnumSet.allOf(Format.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new RunOutcome(result, dir);
    }

    public Path indexHtml() {
        return dir.resolve("index.html");
    }

    public int exitCode() {
        return result.exitCode();
    }
}
