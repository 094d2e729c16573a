package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.drift.DriftReport.CellDrift;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.KeyChange;
import dev.authbisect.drift.DriftReport.Status;
import dev.authbisect.report.Format;
import dev.authbisect.report.Md;
import dev.authbisect.report.OutcomeStyle;
import dev.authbisect.report.ReportWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code summary.md} of a drift run, for {@code $GITHUB_STEP_SUMMARY}: the one-line summary, a
 * table per environment × call (reference and HEAD, baseline → now), the sentences, keys and
 * notes, then the run's own summary of the pinned rows. Every repository or config string is
 * escaped with the reports' Markdown escaping.
 */
final class DriftMarkdown {
    /** Table lines before the rest is left to drift.json. */
    static final int MAX_LINES = 80;

    private DriftMarkdown() {
    }

    static String render(DriftReport r, RunResult run) {
        StringBuilder md = new StringBuilder();
        md.append("## authbisect drift: ").append(Md.text(run.target().repo() == null ? "" : run.target().repo()));
        if (!run.target().range().isEmpty()) {
            md.append(' ').append(Md.code(run.target().range()));
        }
        md.append("\n\n");
        String mark = r.exitCode() == 0 ? "✅" : r.exitCode() == 3 ? "❌" : "⚠️";
        md.append(mark).append(" **").append(Md.text(r.summary())).append("** (exit ").append(r.exitCode()).append(")\n\n");
        md.append("Baseline ").append(Md.code(r.baseline().source()));
        if (!r.baseline().startedAt().isEmpty()) {
            md.append(" of ").append(Md.text(r.baseline().startedAt()));
        }
        md.append(" · rows ").append(Md.code(r.rows()));
        if (!r.current().headCommit().isEmpty()) {
            md.append(" · HEAD ").append(Md.code(r.current().headCommit().substring(0, Math.min(7, r.current().headCommit().length()))))
                    .append(' ').append(Md.text(r.current().headSubject()));
            if (r.headChanged()) {
                md.append(" (module version changed");
                if (r.commitsSinceBaseline() != null) {
                    md.append(", ").append(DriftText.commits(r.commitsSinceBaseline())).append(" since the baseline");
                }
                md.append(')');
            }
        }
        if (!r.current().simClock().isEmpty()) {
            md.append(" · simulator clock ").append(Md.code(r.current().simClock()));
        }
        md.append("\n\n");

        if (!r.findings().isEmpty()) {
            md.append("| environment | call | reference | module at HEAD | drift |\n|---|---|---|---|---|\n");
            int lines = 0;
            for (Finding f : r.findings()) {
                if (lines++ == MAX_LINES) {
                    md.append("\n… ").append(r.findings().size() - MAX_LINES).append(" more: see drift.json.\n");
                    break;
                }
                md.append("| ").append(Md.code(f.env())).append(" | ").append(Md.code(f.call())).append(" | ")
                        .append(cell(r, f, DriftComparator.REFERENCE)).append(" | ").append(cell(r, f, DriftComparator.HEAD))
                        .append(" | ").append(f.kind() == DriftReport.Kind.NONE ? "–" : "**" + DriftText.kindWords(f.kind()) + "**")
                        .append(" |\n");
            }
            md.append('\n');
        }
        List<Finding> changes = r.changes();
        if (!changes.isEmpty()) {
            md.append("### What moved\n\n");
            changes.forEach(f -> md.append("- ").append(Md.sentence(f.sentence())).append('\n'));
            md.append('\n');
        }
        if (!r.keys().isEmpty()) {
            md.append("Keys: ");
            List<String> parts = r.keys().stream().map(DriftMarkdown::key).toList();
            md.append(String.join(" · ", parts)).append("\n\n");
        }
        if (!r.notes().isEmpty()) {
            r.notes().forEach(n -> md.append("> ").append(Md.text(n)).append('\n'));
            md.append('\n');
        }
        md.append("Legend: ✅ OK · ❌ auth rejected · ⚠️ other API error · 🚫 not sent · 🔌 transport error · 💥 probe error · "
                + "⏭️ skipped · 🎲 flaky. Full report: index.html, drift.json, trend.html.\n\n---\n\n");
        md.append(ReportWriter.render(run, Format.MD));
        return md.toString();
    }

    private static String cell(DriftReport r, Finding f, String row) {
        Optional<CellDrift> c = r.cells().stream().filter(x -> x.env().equals(f.env()) && x.call().equals(f.call())
                && x.row().equals(row)).findFirst();
        if (c.isEmpty()) {
            return "–";
        }
        CellDrift d = c.get();
        if (d.status() == Status.UNCHANGED) {
            return label(d.current());
        }
        return (d.baseline().isEmpty() ? "–" : label(d.baseline())) + " → " + (d.current().isEmpty() ? "–" : label(d.current()));
    }

    private static String label(String l) {
        return DriftPage.outcomeOf(l).map(o -> OutcomeStyle.mark(o) + " ").orElse("") + Md.text(l);
    }

    private static String key(KeyChange k) {
        String id = k.current().isEmpty() ? k.baseline() : k.current();
        return Md.code(k.env()) + " " + Md.code(id) + " " + Md.text(k.status());
    }
}
