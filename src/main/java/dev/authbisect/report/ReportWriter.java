package dev.authbisect.report;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.IoFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes a run's reports into its folder ({@code reports/<run-id>/}): {@code index.html},
 * {@code summary.md}, {@code junit.xml} and {@code result.json}, each from the {@link RunResult}
 * alone. Files are written to a temporary name and moved into place, so a reader never sees half a
 * report.
 *
 * <pre>{@code
 * List<Path> written = ReportWriter.write(result, Path.of("reports", runId), Format.all());
 * }</pre>
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Writes the given formats into {@code dir} (created if needed); returns the files written, in format order.
     *
     * @throws IoFailure naming the file that could not be written and why (disk full, read-only …)
     */
    public static List<Path> write(RunResult result, Path dir, Set<Format> formats) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoFailure.writing("the report folder", dir, e);
        }
        List<Path> written = new ArrayList<>();
        for (Format f : Format.values()) {
            if (!formats.contains(f)) {
                continue;
            }
            Path target = dir.resolve(f.fileName());
            Path tmp = dir.resolve("." + f.fileName() + ".tmp");
            try {
                if (f == Format.JSON) {
                    ResultJson.write(result, tmp);
                } else {
                    Files.writeString(tmp, render(result, f), StandardCharsets.UTF_8);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw IoFailure.writing("the report", target, e);
            }
            written.add(target);
        }
        return written;
    }

    /** The text of one format. */
    public static String render(RunResult result, Format format) {
        return switch (format) {
            case HTML -> HtmlReport.render(result);
            case MD -> MarkdownSummary.render(result);
            case JUNIT -> JunitReport.render(result);
            case JSON -> ResultJson.toJson(result);
        };
    }
}
