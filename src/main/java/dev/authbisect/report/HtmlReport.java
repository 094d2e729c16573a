package dev.authbisect.report;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.History;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Transition;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.HtmlModel.CellView;
import dev.authbisect.report.HtmlModel.ColumnView;
import dev.authbisect.report.HtmlModel.CommitView;
import dev.authbisect.report.HtmlModel.Detail;
import dev.authbisect.report.HtmlModel.EnvGroup;
import dev.authbisect.report.HtmlModel.EnvView;
import dev.authbisect.report.HtmlModel.FindingView;
import dev.authbisect.report.HtmlModel.LegendItem;
import dev.authbisect.report.HtmlModel.Mark;
import dev.authbisect.report.HtmlModel.RowView;
import dev.authbisect.report.HtmlModel.SegView;
import dev.authbisect.report.HtmlModel.StripView;
import dev.authbisect.report.HtmlModel.TransitionView;
import dev.authbisect.report.HtmlModel.VerdictView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code index.html}: one self-contained page (inline CSS from the {@code style} partial,
 * no script, a Content-Security-Policy that forbids loading anything) from {@code index.mustache}.
 *
 * <p>Large matrices stay readable and small: per-cell details are {@code <details>} elements,
 * commit lists are capped per row, and the bulky evidence (request, response, probe output) is
 * kept within a budget, spent first on the reference row and the rows around transitions.
 */
final class HtmlReport {
    /** Characters of request/response/probe output the whole page may carry. */
    static final int EVIDENCE_BUDGET = 1_000_000;
    /** Characters of one request, response or probe tail. */
    static final int EVIDENCE_MAX = 3_000;
    /** Transition tables longer than this start folded. */
    static final int OPEN_TRANSITIONS = 8;
    /** Commits listed per row before "… more". */
    static final int COMMITS_PER_ROW = 60;

    private HtmlReport() {
    }

    static String render(RunResult result) {
        return Templates.render("index.mustache", page(result));
    }

    static HtmlModel.Page page(RunResult r) {
        History history = History.of(r.rows());
        List<Row> mvRows = history.orderRows(r.rows());
        List<Row> rows = new ArrayList<>();
        r.rows().stream().filter(Row::isReference).findFirst().ifPresent(rows::add);
        rows.addAll(mvRows);
        List<String> envs = r.envNames();
        List<String> calls = r.callNames();
        Map<String, Cell> cells = new HashMap<>();
        r.cells().forEach(c -> cells.putIfAbsent(key(c.row(), c.env(), c.call()), c));
        Map<String, String> upstreamKind = new HashMap<>();
        r.environments().forEach(e -> upstreamKind.put(e.name(), e.upstreamKind() == null ? "" : e.upstreamKind()));

        List<ColumnView> columns = new ArrayList<>();
        List<EnvGroup> groups = new ArrayList<>();
        for (String env : envs) {
            groups.add(new EnvGroup(env, calls.size(), upstreamKind.getOrDefault(env, "")));
            for (int i = 0; i < calls.size(); i++) {
                columns.add(new ColumnView(env, calls.get(i), i == 0 ? "envstart" : ""));
            }
        }

        Map<String, List<Mark>> marks = transitionMarks(r, history);
        Set<String> priority = evidencePriority(r, history, mvRows);
        int[] budget = {EVIDENCE_BUDGET};
        boolean[] omitted = {false};
        List<RowView> rowViews = new ArrayList<>();
        List<Row> byPriority = new ArrayList<>(rows);
        byPriority.sort((a, b) -> Boolean.compare(!priority.contains(a.id()), !priority.contains(b.id())));
        Map<String, List<CellView>> cellViews = new HashMap<>();
        String newest = history.size() == 0 ? "" : history.commits().get(history.size() - 1).id();
        for (Row row : byPriority) {
            List<CellView> views = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnView col = columns.get(i);
                Cell c = cells.get(key(row.id(), col.env(), col.call()));
                boolean sim = "sim".equals(upstreamKind.get(col.env()));
                String repro = ReproCommand.of(r.target().config(), row, newest, col.env(), col.call());
                views.add(cellView(row, c, col, sim, i >= columns.size() / 2 && columns.size() > 2, budget, omitted, repro));
            }
            cellViews.put(row.id(), views);
        }
        for (Row row : rows) {
            rowViews.add(rowView(row, cellViews.get(row.id()), marks.getOrDefault(row.id(), List.of())));
        }

        List<StripView> strips = new ArrayList<>();
        if (mvRows.size() > 1) {
            Set<String> marked = transitionCells(r, history);
            for (ColumnView col : columns) {
                strips.add(strip(col, mvRows, cells, marked));
            }
        }
        List<VerdictView> verdicts = r.verdicts().stream().map(v -> verdictView(v, r, history)).toList();
        List<EnvView> envViews = r.environments().stream().map(e -> new EnvView(e.name(), nz(e.upstreamKind()),
                nz(e.upstream()), nz(e.keyId()), e.egressIp(), !e.egressIp().isEmpty())).toList();
        int commits = history.size();
        HtmlModel.Header header = new HtmlModel.Header(nz(r.target().repo()), r.target().range(),
                dev.authbisect.analysis.ResolvedRange.of(r).text(false), String.join(", ", r.target().modulePaths()), nz(r.startedAt()), nz(r.finishedAt()),
                nz(r.toolVersion()), r.exitCode(), exitWords(r.exitCode()), nz(r.configDigest()), mvRows.size(),
                commits, envs.size(), calls.size());
        String title = "authbisect · " + (r.target().repo() == null ? "" : r.target().repo())
                + (r.target().range().isEmpty() ? "" : " · " + r.target().range());
        HtmlModel.Axis axis = strips.isEmpty() ? null : axis(mvRows);
        return new HtmlModel.Page(title, header, verdicts, envViews, groups, columns, strips, axis,
                rowViews, legend(), r.warnings(), !r.warnings().isEmpty(),
                "Some requests, responses and probe outputs are left out to keep this page small; result.json has them all.",
                omitted[0], incomplete(r));
    }

    private static String key(String row, String env, String call) {
        return row + "\u0000" + env + "\u0000" + call;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The banner of a run stopped before every trial ran, or null. */
    static String incomplete(RunResult r) {
        if (r.isComplete()) {
            return null;
        }
        RunResult.Interruption i = r.interruption();
        return i == null ? "Incomplete: this run was stopped before every trial ran; its verdicts may change."
                : "Incomplete: this run was stopped by " + i.signal() + " after " + i.trialsFinished() + " of " + i.trialsPlanned()
                + " trials; cells of the others are missing and the verdicts may change. Finish it with: " + i.resume();
    }

    static String exitWords(int code) {
        return switch (code) {
            case ExitCodes.OK -> "no failing cell";
            case ExitCodes.FAILURES -> "failures found";
            case ExitCodes.INCOMPLETE -> "incomplete";
            case ExitCodes.USAGE -> "usage or config error";
            case 130 -> "interrupted (SIGINT)";
            case 143 -> "interrupted (SIGTERM)";
            default -> "internal error";
        };
    }

    private static List<LegendItem> legend() {
        List<LegendItem> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            String label = switch (o) {
                case AUTH_REJECTED -> "40101";
                case API_ERROR -> "40002";
                default -> OutcomeStyle.cellLabel(Cell.of("x", "x", "x", o, null, null));
            };
            out.add(new LegendItem(OutcomeStyle.cssClass(o), label, o.name(), OutcomeStyle.words(o)));
        }
        return out;
    }

    private static CommitView commitView(CommitRef c) {
        return new CommitView(c.shortId(), c.id(), c.subject(), c.author(), c.time());
    }

    private static VerdictView verdictView(Verdict v, RunResult r, History history) {
        String method = r.calls().stream().filter(c -> c.name().equals(v.call())).map(RunResult.Call::method)
                .findFirst().orElse("");
        List<TransitionView> ts = v.transitions().stream().map(t -> new TransitionView(t.env(),
                t.kind().name().toLowerCase(java.util.Locale.ROOT), "t-" + t.kind().name().toLowerCase(java.util.Locale.ROOT),
                history.commit(t.lastGood()).map(HtmlReport::commitView)
                        .orElse(new CommitView(shortOf(t.lastGood()), t.lastGood(), "", "", "")),
                history.commit(t.firstBad()).map(HtmlReport::commitView)
                        .orElse(new CommitView(shortOf(t.firstBad()), t.firstBad(), "", "", "")),
                t.from(), t.to())).toList();
        return new VerdictView(v.call(), method, v.verdict().name().replace('_', ' '),
                OutcomeStyle.verdictWords(v.verdict()), OutcomeStyle.verdictClass(v.verdict()), v.provisional(),
                v.sentences().stream().map(SentenceParts::of).toList(), ts, !ts.isEmpty(),
                ts.size() == 1 ? "1 change along history" : ts.size() + " changes along history",
                ts.size() <= OPEN_TRANSITIONS);
    }

    private static String shortOf(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }

    /** Row id → chips for the transitions whose first bad (or fixing) commit is in that row. */
    private static Map<String, List<Mark>> transitionMarks(RunResult r, History history) {
        Map<String, Map<String, List<String>>> byRow = new LinkedHashMap<>(); // row -> "kind call" -> envs
        for (Verdict v : r.verdicts()) {
            for (Transition t : v.transitions()) {
                history.rowOf(t.firstBad()).ifPresent(row -> byRow.computeIfAbsent(row.id(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(t.kind().name() + "\u0000" + v.call(), k -> new ArrayList<>()).add(t.env()));
            }
        }
        Map<String, List<Mark>> out = new HashMap<>();
        byRow.forEach((row, m) -> {
            List<Mark> list = new ArrayList<>();
            m.forEach((k, envList) -> {
                String[] kc = k.split("\u0000", 2);
                String kind = kc[0].toLowerCase(java.util.Locale.ROOT);
                String verb = switch (kc[0]) {
                    case "BROKE" -> "breaks";
                    case "FIXED" -> "fixes";
                    default -> "changes";
                };
                list.add(new Mark("t-" + kind, verb + " " + kc[1] + " · " + String.join(", ", envList)));
            });
            out.put(row, list);
        });
        return out;
    }

    /** Rows whose full evidence is worth the budget first: reference, first/last, both sides of each transition. */
    private static Set<String> evidencePriority(RunResult r, History history, List<Row> mvRows) {
        Set<String> p = new HashSet<>();
        r.rows().stream().filter(Row::isReference).forEach(row -> p.add(row.id()));
        if (!mvRows.isEmpty()) {
            p.add(mvRows.get(0).id());
            p.add(mvRows.get(mvRows.size() - 1).id());
        }
        for (Verdict v : r.verdicts()) {
            for (Transition t : v.transitions()) {
                history.rowOf(t.firstBad()).ifPresent(row -> p.add(row.id()));
                history.rowOf(t.lastGood()).ifPresent(row -> p.add(row.id()));
            }
        }
        return p;
    }

    private static RowView rowView(Row row, List<CellView> cells, List<Mark> marks) {
        List<CommitRef> commits = row.commits();
        int n = commits.size();
        CommitView first = n == 0 ? null : commitView(commits.get(0));
        CommitView last = n == 0 ? null : commitView(commits.get(n - 1));
        List<CommitView> listed = commits.stream().limit(COMMITS_PER_ROW).map(HtmlReport::commitView).toList();
        String build = row.build();
        // the run writes "OK", "NONE", "FAILED", "TIMEOUT", each with " (cached)" when reused
        boolean buildProblem = !build.isEmpty() && !build.startsWith("OK") && !build.startsWith("NONE");
        // a row id that is the module version's short hash (schema /2) already shows it; /1 ids (mv1) and the worktree do not
        String mv = !row.id().isEmpty() && row.moduleVersion().startsWith(row.id()) ? ""
                : row.moduleVersion().length() > 12 ? row.moduleVersion().substring(0, 12) : row.moduleVersion();
        return new RowView(row.id(), row.isReference(), mv, build, buildProblem, n,
                n == 1 ? "1 commit" : n + " commits", first, n > 1 ? last : null, n > 1, listed,
                Math.max(0, n - COMMITS_PER_ROW), n > COMMITS_PER_ROW, marks, !marks.isEmpty(), cells,
                row.isWorktree(), !row.isReference() && !row.isWorktree());
    }

    /** The id of a cell's {@code <td>}: {@code c-<row>-<env>-<call>} (names are letters, digits, _ . -). */
    static String anchor(String row, String env, String call) {
        return "c-" + row + "-" + env + "-" + call;
    }

    private static CellView cellView(Row row, Cell c, ColumnView col, boolean sim, boolean right, int[] budget,
                                     boolean[] omitted, String repro) {
        String colCls = col.cls() + (right ? " right" : "");
        String anchor = anchor(row.id(), col.env(), col.call());
        String place = col.env() + " · " + col.call();
        if (c == null) {
            return new CellView(false, "o-none", "—", colCls, false, "no result", null, anchor, place);
        }
        boolean sigBad = c.checks().signature().status() == SignatureCheck.Status.INVALID
                || c.checks().signature().status() == SignatureCheck.Status.WRONG_KEY;
        String title = c.outcome().name() + (c.answer().venueCode() != null ? " " + c.codeLabel() : "")
                + (sigBad ? " · signature " + c.checks().signature().status() : "");
        return new CellView(true, OutcomeStyle.cssClass(c.outcome()), OutcomeStyle.cellLabel(c), colCls, sigBad,
                sigBad ? title : "",
                detail(row, c, sim, budget, omitted, anchor, repro), anchor, place);
    }

    private static Detail detail(Row row, Cell c, boolean sim, int[] budget, boolean[] omitted, String anchor, String repro) {
        String request = bounded(c.evidence().request(), false);
        String response = bounded(c.evidence().response(), false);
        String probe = bounded(c.evidence().probeTail(), true);
        int cost = request.length() + response.length() + probe.length();
        boolean omit = cost > 0 && cost > budget[0];
        if (omit) {
            omitted[0] = true;
            request = response = probe = "";
        } else {
            budget[0] -= cost;
        }
        SignatureCheck s = c.checks().signature();
        List<FindingView> findings = s.findings().stream()
                .map(f -> new FindingView(f.kind(), f.component(), f.client(), f.canonical())).toList();
        List<String> reps = new ArrayList<>();
        for (int i = 0; i < c.timing().repetitions().size(); i++) {
            var rep = c.timing().repetitions().get(i);
            reps.add("#" + (i + 1) + " " + rep.outcome().name()
                    + (rep.venueCode() != null ? " " + rep.venueCode() : "")
                    + (rep.httpStatus() != null ? " · HTTP " + rep.httpStatus() : "")
                    + (rep.latencyMs() != null ? " · " + rep.latencyMs() + " ms" : ""));
        }
        String where = (row.isReference() ? "reference" : row.isWorktree() ? "working tree" : row.id()) + " · " + c.env() + " · " + c.call();
        String code = c.outcome() == Outcome.OK || c.codeLabel().equals(c.outcome().name()) ? "" : c.codeLabel();
        return new Detail(where, c.outcome().name(), OutcomeStyle.words(c.outcome()), code,
                c.answer().httpStatus() == null ? "" : String.valueOf(c.answer().httpStatus()),
                c.timing().latencyMs() == null ? "" : c.timing().latencyMs() + " ms", s.status().name(),
                s.status() == SignatureCheck.Status.VALID ? "" : s.summary(),
                c.checks().clock().status() == dev.authbisect.core.ClockCheck.Status.NOT_CHECKED ? "" : c.checks().clock().status().name(),
                c.checks().clock().status() == dev.authbisect.core.ClockCheck.Status.NOT_CHECKED ? "" : c.checks().clock().summary(), findings,
                !findings.isEmpty(), c.diagnosis(), sim ? c.answer().simReason() : "", c.evidence().egress(), !c.evidence().egress().isEmpty(),
                reps, !reps.isEmpty(), request, response, probe, omit, anchor, repro);
    }

    private static String bounded(String text, boolean keepTail) {
        if (text.length() <= EVIDENCE_MAX) {
            return text;
        }
        int cut = text.length() - EVIDENCE_MAX;
        return keepTail ? "…(" + cut + " characters cut)…\n" + text.substring(cut)
                : text.substring(0, EVIDENCE_MAX) + "\n…(" + cut + " characters cut)…";
    }

    /** key(row, env, call) of each cell where a transition lands. */
    private static Set<String> transitionCells(RunResult r, History history) {
        Set<String> out = new HashSet<>();
        for (Verdict v : r.verdicts()) {
            for (Transition t : v.transitions()) {
                history.rowOf(t.firstBad()).ifPresent(row -> out.add(key(row.id(), t.env(), v.call())));
            }
        }
        return out;
    }

    private static StripView strip(ColumnView col, List<Row> mvRows, Map<String, Cell> cells, Set<String> marked) {
        List<SegView> segs = new ArrayList<>();
        for (Row row : mvRows) {
            Cell c = cells.get(key(row.id(), col.env(), col.call()));
            String cls = c == null ? "o-none" : OutcomeStyle.cssClass(c.outcome());
            boolean mark = marked.contains(key(row.id(), col.env(), col.call()));
            String first = row.commits().isEmpty() ? "" : " · " + row.commits().get(0).shortId();
            segs.add(new SegView(cls + (mark ? " mark" : ""),
                    row.id() + first + " · " + (c == null ? "no result" : OutcomeStyle.cellLabel(c))));
        }
        return new StripView(col.env(), col.call(), segs);
    }

    private static HtmlModel.Axis axis(List<Row> mvRows) {
        String oldest = mvRows.get(0).commits().isEmpty() ? mvRows.get(0).id() : mvRows.get(0).commits().get(0).shortId();
        Row lastRow = mvRows.get(mvRows.size() - 1);
        String newest = lastRow.commits().isEmpty() ? lastRow.id()
                : lastRow.commits().get(lastRow.commits().size() - 1).shortId();
        return new HtmlModel.Axis(oldest, newest);
    }
}
