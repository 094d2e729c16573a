package dev.authbisect.report;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.History;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code summary.md} for {@code $GITHUB_STEP_SUMMARY}: the verdicts, then a compact
 * matrix in which consecutive module versions with the same outcomes share one line, capped so
 * the file stays far below GitHub's 1 MiB limit.
 */
final class MarkdownSummary {
    /** Lines of the matrix (after merging equal neighbours) before the rest is abbreviated. */
    static final int MAX_MATRIX_LINES = 60;
    /** Columns (environment × call) shown before the rest is abbreviated. */
    static final int MAX_COLUMNS = 12;

    private MarkdownSummary() {
    }

    static String render(RunResult r) {
        StringBuilder md = new StringBuilder();
        String repo = r.target().repo() == null ? "" : r.target().repo();
        md.append("## authbisect: ").append(Md.text(repo));
        if (!r.target().range().isEmpty()) {
            md.append(' ').append(Md.code(r.target().range()));
        }
        md.append("\n\n");
        String incomplete = HtmlReport.incomplete(r);
        if (incomplete != null) {
            md.append("> **").append(Md.text(incomplete)).append("**\n\n");
        }
        md.append("range ").append(Md.sentence(dev.authbisect.analysis.ResolvedRange.of(r).text(true))).append("\n\n");
        History history = History.of(r.rows());
        List<Row> mvRows = history.orderRows(r.rows());
        md.append(mvRows.size()).append(" module versions · ").append(history.size()).append(" commits · exit ")
                .append(r.exitCode()).append(" (").append(HtmlReport.exitWords(r.exitCode())).append(")\n\n");

        if (!r.verdicts().isEmpty()) {
            md.append("| call | verdict |\n|---|---|\n");
            for (Verdict v : r.verdicts()) {
                md.append("| ").append(Md.code(v.call())).append(" | **").append(v.verdict().name().replace('_', ' '))
                        .append("**").append(v.provisional() ? " (provisional)" : "").append(" |\n");
            }
            md.append('\n');
            for (Verdict v : r.verdicts()) {
                md.append("### ").append(Md.code(v.call())).append(": ").append(OutcomeStyle.verdictWords(v.verdict()))
                        .append("\n\n");
                for (String s : v.sentences()) {
                    md.append(Md.sentence(s)).append('\n');
                }
                md.append('\n');
            }
        }
        matrix(md, r, mvRows);
        if (!r.warnings().isEmpty()) {
            md.append("\n### Warnings\n\n");
            r.warnings().stream().limit(20).forEach(w -> md.append("- ").append(Md.text(w)).append('\n'));
        }
        md.append("\nLegend: ✅ OK · ❌ auth rejected · ⚠️ other API error · 🚫 not sent · 🔌 transport error · "
                + "💥 probe error · ⏭️ skipped · 🎲 flaky · ✗sig signature invalid. Full report: index.html.\n");
        return md.toString();
    }

    private static void matrix(StringBuilder md, RunResult r, List<Row> mvRows) {
        List<String[]> columns = new ArrayList<>();
        List<String> envs = r.envNames();
        List<String> calls = r.callNames();
        for (String env : envs) {
            for (String call : calls) {
                columns.add(new String[] {env, call});
            }
        }
        int hiddenColumns = Math.max(0, columns.size() - MAX_COLUMNS);
        List<String[]> shown = columns.subList(0, Math.min(columns.size(), MAX_COLUMNS));
        Map<String, Cell> cells = new HashMap<>();
        r.cells().forEach(c -> cells.putIfAbsent(c.row() + "\u0000" + c.env() + "\u0000" + c.call(), c));

        md.append("### Matrix\n\n| rows | commits |");
        for (String[] col : shown) {
            md.append(' ').append(Md.text(col[0])).append(": ").append(Md.text(col[1])).append(" |");
        }
        md.append("\n|---|---:|");
        md.append("---|".repeat(shown.size())).append('\n');

        r.rows().stream().filter(Row::isReference).findFirst().ifPresent(ref ->
                md.append("| **reference** | – |").append(labels(ref, shown, cells)).append('\n'));

        List<List<Row>> groups = new ArrayList<>();
        String previous = null;
        for (Row row : mvRows) {
            String labels = labels(row, columns, cells);
            if (labels.equals(previous) && !row.isWorktree()) { // the working tree is its own line, never merged with history
                groups.get(groups.size() - 1).add(row);
            } else {
                groups.add(new ArrayList<>(List.of(row)));
            }
            previous = labels;
        }
        int lines = 0;
        for (List<Row> g : groups) {
            if (lines == MAX_MATRIX_LINES) {
                int rest = groups.size() - lines;
                md.append("\n… ").append(rest).append(" more groups of module versions: see index.html.\n");
                break;
            }
            md.append("| ").append(groupLabel(g)).append(" | ")
                    .append(g.stream().mapToInt(row -> row.commits().size()).sum()).append(" |")
                    .append(labels(g.get(0), shown, cells)).append('\n');
            lines++;
        }
        if (hiddenColumns > 0) {
            md.append("\n").append(hiddenColumns).append(" more columns: see index.html.\n");
        }
    }

    private static String groupLabel(List<Row> g) {
        Row first = g.get(0);
        Row last = g.get(g.size() - 1);
        String ids = g.size() == 1 ? Md.text(first.id()) : Md.text(first.id()) + "–" + Md.text(last.id());
        CommitRef from = first.commits().isEmpty() ? null : first.commits().get(0);
        CommitRef to = last.commits().isEmpty() ? null : last.commits().get(last.commits().size() - 1);
        if (from == null || to == null) {
            return ids;
        }
        return ids + " " + Md.code(from.shortId()) + (from.id().equals(to.id()) ? "" : "…" + Md.code(to.shortId()));
    }

    private static String labels(Row row, List<String[]> columns, Map<String, Cell> cells) {
        StringBuilder sb = new StringBuilder();
        for (String[] col : columns) {
            Cell c = cells.get(row.id() + "\u0000" + col[0] + "\u0000" + col[1]);
            sb.append(' ');
            if (c == null) {
                sb.append('–');
            } else {
                sb.append(OutcomeStyle.mark(c.outcome())).append(' ').append(Md.text(OutcomeStyle.cellLabel(c)));
                var st = c.checks().signature().status();
                if (st == dev.authbisect.core.SignatureCheck.Status.INVALID
                        || st == dev.authbisect.core.SignatureCheck.Status.WRONG_KEY) {
                    sb.append(" ✗sig");
                }
            }
            sb.append(" |");
        }
        return sb.toString();
    }
}
