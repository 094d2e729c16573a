package dev.authbisect.drift;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A finished drift run.
 *
 * @param report          what it found (also in {@code dir/drift.json})
 * @param dir             its report folder: index.html (with the drift section), drift.json, summary.md,
 *                        junit.xml, trend.html, result.json (tonight's pinned rows), journal.jsonl, logs/
 * @param history         the JSONL history it appended to
 * @param trend           the trend page beside the history
 * @param baselineWritten where {@code --update-baseline} wrote the new baseline, in words
 */
public record DriftOutcome(DriftReport report, Path dir, Path history, Path trend, Optional<String> baselineWritten) {
    /** 0 no drift, 3 drift, 4 undecided cells. */
    public int exitCode() {
        return report.exitCode();
    }

    public Path indexHtml() {
        return dir.resolve("index.html");
    }
}
