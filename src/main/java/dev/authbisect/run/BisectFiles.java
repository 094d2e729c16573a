package dev.authbisect.run;

import dev.authbisect.bisect.BisectJson;
import dev.authbisect.bisect.BisectLog;
import dev.authbisect.bisect.BisectResult;
import dev.authbisect.bisect.BisectText;
import dev.authbisect.bisect.Step;
import dev.authbisect.core.Redactor;
import dev.authbisect.report.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a bisection's {@code bisect.json}, {@code bisect.log} and {@code bisect.html} (same look as the run report). */
final class BisectFiles {
    private BisectFiles() {
    }

    /** One row of the tested-points table. */
    record StepRow(int number, String commit, String subject, String moduleVersion, String source, String term,
                   String outcome, String outcomeClass, String detail) {
    }

    /** The page's scope. */
    record Page(String title, String env, String call, String repo, String bad, String goods, String conclusion,
                String status, List<StepRow> steps, List<String> warnings) {
    }

    static void write(BisectResult result, Path dir, Redactor redactor, String env, String call, String repo,
                      dev.authbisect.config.ModuleSpec module) {
        try {
            Files.writeString(dir.resolve("bisect.json"), redactor.redact(BisectJson.render(result)));
            List<String> pathspec = new java.util.ArrayList<>(module.paths());
            module.exclude().forEach(glob -> pathspec.add(":(exclude,glob)" + glob));
            String log = redactor.redact(BisectLog.render(result, pathspec));
            Files.writeString(dir.resolve("bisect.log"), log.endsWith("\n") ? log : log + "\n");
            Files.writeString(dir.resolve("bisect.html"), Templates.render("bisect.mustache", page(result, redactor, env, call, repo)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Page page(BisectResult result, Redactor redactor, String env, String call, String repo) {
        List<StepRow> rows = result.steps().stream().map(s -> row(s, redactor)).toList();
        return new Page("authbisect bisect: " + call + " under " + env, env, call, redactor.redact(repo),
                result.start().bad().shortId() + " " + result.start().bad().subject(),
                String.join(", ", result.start().goods().stream().map(g -> g.shortId() + " " + g.subject()).toList()),
                BisectText.conclusion(result), BisectJson.status(result), rows, result.warnings());
    }

    private static StepRow row(Step s, Redactor redactor) {
        String outcome = s.outcome().map(Enum::name).orElse("");
        return new StepRow(s.trial().number(), s.trial().shortId(), s.trial().subject(),
                s.trial().moduleVersionOrdinal() + " of " + s.trial().moduleVersionCount(),
                s.source().name().toLowerCase(Locale.ROOT), s.term().name().toLowerCase(Locale.ROOT), outcome,
                outcome.isEmpty() ? "" : "o-" + outcome.toLowerCase(Locale.ROOT).replace('_', '-'), redactor.redact(s.detail()));
    }
}
