package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.IoFailure;
import dev.authbisect.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a drift run's files into its report folder, each through the run's one redactor and
 * moved into place whole: {@code drift.json}, {@code index.html} (the run's page with the drift
 * section), {@code summary.md}, {@code junit.xml} and {@code trend.html}.
 */
final class DriftFiles {
    static final String DRIFT_JSON = "drift.json";
    static final String TREND_HTML = "trend.html";

    private DriftFiles() {
    }

    static void write(Path dir, DriftReport report, RunResult run, String trendHtml, Redactor redactor) {
        try {
            text(dir.resolve(DRIFT_JSON), dev.authbisect.core.Json.mapper().writeValueAsString(
                    dev.authbisect.core.Json.withSchema(DriftReport.SCHEMA_ID, report)), redactor);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        text(dir.resolve("index.html"), DriftPage.indexHtml(run, report), redactor);
        text(dir.resolve("summary.md"), DriftMarkdown.render(report, run), redactor);
        text(dir.resolve("junit.xml"), DriftJunit.render(report), redactor);
        text(dir.resolve(TREND_HTML), trendHtml, redactor);
    }

    /** Writes {@code content}, redacted, to a temporary name beside {@code file} and moves it into place. */
    static void text(Path file, String content, Redactor redactor) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, redactor.redact(content), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw IoFailure.writing("the drift report", file, e);
        }
    }
}
