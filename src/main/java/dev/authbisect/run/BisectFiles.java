package dev.authbisect.run;

import dev.authbisect.bisect.BisectJson;
import dev.authbisect.bisect.BisectLog;
import dev.authbisect.bisect.BisectResult;
import dev.authbisect.bisect.BisectText;
import dev.authbisect.bisect.Step;
import dev.authbisect.core.IoFailure;
import dev.authbisect.core.Redactor;
import dev.authbisect.report.Templates;
import java.io.IOException;
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
                   String outcome, String outcomeClass, String detail, String diagnosis, String repetitions) {
    }

    /** One end of the answer with what it showed. */
    record EvidenceRow(String what, String commit, String subject, String outcome, String diagnosis) {
    }

    /** The page's scope. */
    record Page(String title, String env, String call, String repo, String bad, String goods, String terms,
                String reference, String conclusion, String status, List<EvidenceRow> evidence, boolean hasEvidence,
                String points, List<StepRow> steps, List<String> warnings) {
    }

    static void write(BisectResult result, Path dir, Redactor redactor, String env, String call, String repo,
                      dev.authbisect.config.ModuleSpec module) {
        List<String> pathspec = new java.util.ArrayList<>(module.paths());
        module.exclude().forEach(glob -> pathspec.add(":(exclude,glob)" + glob));
        String log = redactor.redact(BisectLog.render(result, pathspec));
        writeFile(dir.resolve("bisect.json"), redactor.redact(BisectJson.render(result)));
        writeFile(dir.resolve("bisect.log"), log.endsWith("\n") ? log : log + "\n");
        writeFile(dir.resolve("bisect.html"), Templates.render("bisect.mustache", page(result, redactor, env, call, repo)));
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw IoFailure.writing("the bisection's report", file, e);
        }
    }

    static Page page(BisectResult result, Redactor redactor, String env, String call, String repo) {
        List<StepRow> rows = result.steps().stream().map(s -> row(s, redactor)).toList();
        List<EvidenceRow> evidence = new java.util.ArrayList<>();
        if (result instanceof BisectResult.Found f) {
            f.firstBad().ifPresent(e -> evidence.add(evidenceRow("first bad", e, redactor)));
            f.lastGood().ifPresent(e -> evidence.add(evidenceRow("last good", e, redactor)));
        }
        String reference = result.start().reference().map(r -> redactor.redact(r.label()
                + (r.diagnosis().isEmpty() ? "" : " — " + r.diagnosis()))).orElse("not tested");
        long tested = result.testsRun();
        String points = tested + (tested == 1 ? " point" : " points") + " tested"
                + (result.start().repeat() > 1 ? ", " + result.start().repeat() + " runs each, " + result.pointsAgreed()
                + " agreed" : "") + ", " + result.steps().size() + (result.steps().size() == 1 ? " step" : " steps");
        return new Page("authbisect bisect: " + call + " under " + env, env, call, redactor.redact(repo),
                label(result.start().bad()),
                String.join(", ", result.start().goods().stream().map(BisectFiles::label).toList()),
                dev.authbisect.bisect.BisectTerms.badOn(result.start().badOn()).describe(), reference,
                redactor.redact(BisectText.conclusion(result)), BisectJson.status(result), evidence, !evidence.isEmpty(),
                points, rows, result.warnings());
    }

    private static String label(dev.authbisect.bisect.BisectStart.CommitLabel c) {
        return c.shortId() + (c.subject().isEmpty() ? "" : " “" + c.subject() + "”");
    }

    private static EvidenceRow evidenceRow(String what, BisectResult.Evidence e, Redactor redactor) {
        return new EvidenceRow(what, e.commit().shortId(), e.commit().subject(), redactor.redact(e.outcome()),
                redactor.redact(e.diagnosis()));
    }

    private static StepRow row(Step s, Redactor redactor) {
        String outcome = s.outcome().map(Enum::name).orElse("");
        String source = s.trial().kind() == dev.authbisect.bisect.Trial.Kind.PREMISE ? "premise check"
                : s.source().name().toLowerCase(Locale.ROOT);
        return new StepRow(s.trial().number(), s.trial().shortId(), s.trial().subject(),
                s.trial().moduleVersionOrdinal() + " of " + s.trial().moduleVersionCount(),
                source, s.term().name().toLowerCase(Locale.ROOT), outcome,
                outcome.isEmpty() ? "" : "o-" + outcome.toLowerCase(Locale.ROOT).replace('_', '-'), redactor.redact(s.detail()),
                redactor.redact(s.diagnosis()), s.repetitions() <= 1 ? "" : s.repetitions() + (s.agreed() ? " agreed" : " disagreed"));
    }
}
