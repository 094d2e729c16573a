package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.KeyChange;
import dev.authbisect.report.Format;
import dev.authbisect.report.OutcomeStyle;
import dev.authbisect.report.ReportWriter;
import dev.authbisect.report.SentenceParts;
import dev.authbisect.report.Templates;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drift section of {@code index.html}: the run's own page (verdicts, environments, matrix of
 * the pinned rows) with a "Drift since the baseline" section placed before its verdicts and the
 * section's styles added to the page's one {@code <style>} element. The section is rendered from
 * {@code drift-section.mustache} with the reports' escaping; nothing else of the page changes.
 */
final class DriftPage {
    /** Where the section goes: before the run's verdicts. */
    static final String ANCHOR = "<section id=\"verdicts\">";
    static final String STYLE_END = "</style>";

    record View(String cls, String badge, String summary, String baselineDate, String baselineSource,
                String baselineStartedAt, String rows, HeadView head, String simClock, int exitCode, String exitWords,
                List<FindingView> findings, boolean hasCells, boolean open, String cellCount, List<CellView> cells,
                boolean hasKeys, List<KeyChange> keys, boolean hasNotes, List<String> notes) {
    }

    record HeadView(String commit, String shortId, String subject, String row, boolean changed) {
    }

    record FindingView(String kindCls, String kindWords, SentenceParts sentence) {
        public List<SentenceParts.Part> parts() {
            return sentence.parts();
        }
    }

    record CellView(String env, String call, String row, String baseline, String baselineCls, String current,
                    String currentCls, String status, String statusCls) {
    }

    private DriftPage() {
    }

    /** The run's {@code index.html} with the drift section. */
    static String indexHtml(RunResult run, DriftReport report) {
        String page = ReportWriter.render(run, Format.HTML);
        int style = page.indexOf(STYLE_END);
        int anchor = page.indexOf(ANCHOR);
        if (style < 0 || anchor < 0 || anchor < style) {
            throw new IllegalStateException("index.html has no " + ANCHOR + " after its " + STYLE_END + " to place the drift section");
        }
        String css = Templates.render("drift-style.mustache", Map.of());
        String section = Templates.render("drift-section.mustache", view(report));
        return page.substring(0, style) + css + page.substring(style, anchor) + section + "\n" + page.substring(anchor);
    }

    static View view(DriftReport r) {
        String cls = r.exitCode() == ExitCodes.OK ? "d-ok" : r.exitCode() == ExitCodes.FAILURES ? "d-drift" : "d-undecided";
        String badge = r.exitCode() == ExitCodes.OK ? "no drift" : r.exitCode() == ExitCodes.FAILURES ? "drift" : "undecided";
        DriftReport.Side now = r.current();
        HeadView head = now.headCommit().isEmpty() ? null : new HeadView(now.headCommit(),
                now.headCommit().substring(0, Math.min(7, now.headCommit().length())), now.headSubject(), now.headRow(),
                r.headChanged());
        List<FindingView> findings = r.changes().stream().map(DriftPage::findingView).toList();
        List<CellView> cells = r.cells().stream().map(c -> new CellView(c.env(), c.call(), c.row(), c.baseline(),
                cssOf(c.baseline()), c.current(), cssOf(c.current()), words(c.status()), kebab(c.status().name()))).toList();
        boolean open = r.cells().stream().anyMatch(c -> c.status() != DriftReport.Status.UNCHANGED) && r.cells().size() <= 60;
        String count = r.cells().size() == 1 ? "1 compared cell" : r.cells().size() + " compared cells";
        return new View(cls, badge, r.summary(), DriftComparator.date(r.baseline().startedAt()), r.baseline().source(),
                r.baseline().startedAt(), r.rows(), head, now.simClock(), r.exitCode(), exitWords(r.exitCode()), findings,
                !cells.isEmpty(), open, count, cells, !r.keys().isEmpty(), r.keys(), !r.notes().isEmpty(), r.notes());
    }

    private static FindingView findingView(Finding f) {
        return new FindingView(kebab(f.kind().name()), DriftText.kindWords(f.kind()), SentenceParts.of(f.sentence()));
    }

    static String exitWords(int code) {
        return switch (code) {
            case ExitCodes.OK -> "no drift";
            case ExitCodes.FAILURES -> "drift";
            case ExitCodes.INCOMPLETE -> "undecided cells";
            default -> "error";
        };
    }

    static String words(DriftReport.Status s) {
        return switch (s) {
            case UNCHANGED -> "unchanged";
            case CHANGED -> "changed";
            case UNDECIDED -> "undecided";
            case ONLY_BASELINE -> "baseline only";
            case ONLY_NOW -> "new";
        };
    }

    /** The outcome colour of a label such as {@code AUTH_REJECTED 40101}. */
    static String cssOf(String label) {
        return outcomeOf(label).map(OutcomeStyle::cssClass).orElse("o-none");
    }

    static java.util.Optional<Outcome> outcomeOf(String label) {
        if (label == null || label.isEmpty()) {
            return java.util.Optional.empty();
        }
        String name = label.split(" ", 2)[0];
        try {
            return java.util.Optional.of(Outcome.valueOf(name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static String kebab(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
