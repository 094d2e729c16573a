package dev.authbisect.drift;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.drift.DriftReport.CellDrift;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.KeyChange;
import dev.authbisect.drift.DriftReport.Kind;
import dev.authbisect.drift.DriftReport.Side;
import dev.authbisect.drift.DriftReport.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a run of the pinned rows with a baseline (README "Nightly drift").
 *
 * <ul>
 *   <li>Rows are paired by role: the reference row with the reference row, the module version at
 *       this range's head with the one at the baseline's head (whatever their module versions);
 *       with {@code --rows all} every other module version with the same module version of the
 *       baseline. Row ids are never compared.</li>
 *   <li>A cell compares its outcome class and venue code ({@code AUTH_REJECTED 40101}); latency,
 *       signatures and texts are ignored. Equal: UNCHANGED; different and both decisive
 *       (OK, AUTH_REJECTED, API_ERROR, NOT_SENT): CHANGED; different otherwise: UNDECIDED; present
 *       on one side only: ONLY_BASELINE / ONLY_NOW (reported, never drift).</li>
 *   <li>Per environment × call: the environment drifted when the reference changed, or a row whose
 *       module version did not change changed; the code changed when the module version at the
 *       head changed and its cell changed unlike the reference's (ENVIRONMENT, CODE, or BOTH).</li>
 *   <li>Exit: 3 when any cell CHANGED, else 4 when a cell is UNDECIDED or nothing could be
 *       compared, else 0.</li>
 * </ul>
 */
final class DriftComparator {
    static final String REFERENCE = "reference";
    static final String HEAD = "head";

    /** What to compare. {@code commitsSince} is null when unknown. */
    record Input(RunResult baseline, String baselineSource, RunResult current, RowPins pins, Integer commitsSince,
                 String checkedAt, String simClock) {
    }

    /** Two rows paired for comparison ({@code role}: reference, head, or a module version's row id). */
    private record Pair(String role, Optional<Row> base, Optional<Row> now) {
    }

    private DriftComparator() {
    }

    static DriftReport compare(Input in) {
        RunResult base = in.baseline();
        RunResult now = in.current();
        Optional<ResultHead> baseHead = ResultHead.of(base);
        Optional<ResultHead> nowHead = ResultHead.of(now);
        boolean headChanged = baseHead.isPresent() && nowHead.isPresent()
                && !baseHead.get().row().moduleVersion().equals(nowHead.get().row().moduleVersion());
        List<String> notes = new ArrayList<>();

        List<Pair> pairs = new ArrayList<>();
        if (in.pins().reference()) {
            Optional<Row> b = ResultHead.reference(base);
            if (b.isEmpty()) {
                notes.add("The baseline has no reference row (its run used --no-reference): the reference client is not compared.");
            }
            pairs.add(new Pair(REFERENCE, b, ResultHead.reference(now)));
        }
        if (in.pins().head()) {
            if (baseHead.isEmpty()) {
                notes.add("The baseline has no module-version row: the module at HEAD is not compared.");
            }
            pairs.add(new Pair(HEAD, baseHead.map(ResultHead::row), nowHead.map(ResultHead::row)));
        }
        if (in.pins().all()) {
            pairs.addAll(byModuleVersion(base, now, baseHead, nowHead, notes));
        }

        List<CellDrift> cells = new ArrayList<>();
        for (Pair p : pairs) {
            cells.addAll(cells(p, base, now));
        }
        Map<String, KeyChange> keys = keys(base, now);
        DriftText text = new DriftText(date(base.startedAt()), headChanged, in.commitsSince(), keys);
        List<Finding> findings = new ArrayList<>();
        for (String[] ec : envCalls(base, now)) {
            List<CellDrift> these = cells.stream().filter(c -> c.env().equals(ec[0]) && c.call().equals(ec[1])).toList();
            if (!these.isEmpty()) {
                findings.add(finding(ec[0], ec[1], these, headChanged, text));
            }
        }
        if (!nz(base.configDigest()).equals(nz(now.configDigest())) && !nz(base.configDigest()).isEmpty()) {
            notes.add("The config changed since the baseline (digest " + shortDigest(base.configDigest()) + " → "
                    + shortDigest(now.configDigest()) + ").");
        }
        if (!dev.authbisect.analysis.RunResult.SCHEMA.equals(base.schema())) {
            notes.add("The baseline is schema " + base.schema() + ": its key ids were hashed with a per-machine key and cannot "
                    + "be compared; cells are matched by role and module version, so the comparison holds.");
        }
        if (headChanged) {
            notes.add("The module version at HEAD changed: " + baseHead.get().row().id() + " (" + baseHead.get().commit().shortId()
                    + ") → " + nowHead.get().row().id() + " (" + nowHead.get().commit().shortId() + ")"
                    + (in.commitsSince() == null ? "; the baseline's head commit is not in this history, or not behind this head." : ", "
                    + DriftText.commits(in.commitsSince()) + " since the baseline."));
        }
        int exit = exitCode(cells);
        Side baseSide = side(in.baselineSource(), base, baseHead, "");
        Side nowSide = side("this run", now, nowHead, in.simClock());
        return new DriftReport(DriftReport.SCHEMA, in.checkedAt(), baseSide, nowSide, in.pins().text(), headChanged,
                in.commitsSince(), text.summary(findings, cells, exit), exit, findings, cells, List.copyOf(keys.values()), notes);
    }

    /** A report for the first run, when there is no baseline to compare with yet. */
    static DriftReport created(RunResult now, String source, RowPins pins, String checkedAt, String simClock) {
        Optional<ResultHead> head = ResultHead.of(now);
        List<KeyChange> keys = now.environments().stream().map(e -> new KeyChange(e.name(), "", e.keyId(), "new")).toList();
        Side side = side("this run", now, head, simClock);
        return new DriftReport(DriftReport.SCHEMA, checkedAt, new Side(source, "", "", "", "", "", "", "", ""), side,
                pins.text(), false, null, "No baseline at " + source + " yet: this run's rows are the new baseline; "
                + "nothing was compared.", ExitCodes.OK, List.of(), List.of(), keys, List.of());
    }

    private static List<Pair> byModuleVersion(RunResult base, RunResult now, Optional<ResultHead> baseHead,
                                              Optional<ResultHead> nowHead, List<String> notes) {
        Map<String, Row> b = byMv(base);
        Map<String, Row> n = byMv(now);
        String baseHeadMv = baseHead.map(h -> h.row().moduleVersion()).orElse("");
        String nowHeadMv = nowHead.map(h -> h.row().moduleVersion()).orElse("");
        List<Pair> out = new ArrayList<>();
        int onlyNow = 0;
        int onlyBase = 0;
        for (Map.Entry<String, Row> e : n.entrySet()) {
            String mv = e.getKey();
            if (!b.containsKey(mv)) {
                onlyNow += mv.equals(nowHeadMv) ? 0 : 1;
            } else if (!(mv.equals(nowHeadMv) && mv.equals(baseHeadMv))) {
                out.add(new Pair(e.getValue().id(), Optional.of(b.get(mv)), Optional.of(e.getValue())));
            }
        }
        for (String mv : b.keySet()) {
            if (!n.containsKey(mv) && !mv.equals(baseHeadMv)) {
                onlyBase++;
            }
        }
        if (onlyNow + onlyBase > 0) {
            notes.add(onlyNow + (onlyNow == 1 ? " module version is" : " module versions are") + " new since the baseline and "
                    + onlyBase + (onlyBase == 1 ? " is" : " are") + " no longer in the range: not compared.");
        }
        return out;
    }

    private static Map<String, Row> byMv(RunResult r) {
        Map<String, Row> out = new LinkedHashMap<>();
        r.rows().stream().filter(x -> !x.isReference()).forEach(x -> out.putIfAbsent(x.moduleVersion(), x));
        return out;
    }

    private static List<CellDrift> cells(Pair p, RunResult base, RunResult now) {
        List<CellDrift> out = new ArrayList<>();
        String baseRow = p.base().map(Row::id).orElse("");
        String nowRow = p.now().map(Row::id).orElse("");
        for (String[] ec : envCalls(base, now)) {
            Optional<Cell> b = p.base().flatMap(r -> base.cell(r.id(), ec[0], ec[1]));
            Optional<Cell> n = p.now().flatMap(r -> now.cell(r.id(), ec[0], ec[1]));
            if (b.isEmpty() && n.isEmpty()) {
                continue;
            }
            Status status;
            if (b.isEmpty()) {
                status = Status.ONLY_NOW;
            } else if (n.isEmpty()) {
                status = Status.ONLY_BASELINE;
            } else if (label(b.get()).equals(label(n.get()))) {
                status = Status.UNCHANGED;
            } else if (b.get().outcome().decisive() && n.get().outcome().decisive()) {
                status = Status.CHANGED;
            } else {
                status = Status.UNDECIDED;
            }
            out.add(new CellDrift(ec[0], ec[1], p.role(), baseRow, nowRow, b.map(DriftComparator::label).orElse(""),
                    n.map(DriftComparator::label).orElse(""), status));
        }
        return out;
    }

    /** Class and venue code: what drift compares ({@code OK}, {@code AUTH_REJECTED 40101}, {@code TRANSPORT_ERROR}). */
    static String label(Cell c) {
        return c.outcome().name() + (c.answer().venueCode() == null || c.outcome() == dev.authbisect.core.Outcome.OK ? "" : " " + c.answer().venueCode());
    }

    private static Finding finding(String env, String call, List<CellDrift> cells, boolean headChanged, DriftText text) {
        Optional<CellDrift> ref = cells.stream().filter(c -> c.row().equals(REFERENCE)).findFirst();
        Optional<CellDrift> head = cells.stream().filter(c -> c.row().equals(HEAD)).findFirst();
        List<CellDrift> others = cells.stream().filter(c -> !c.row().equals(REFERENCE) && !c.row().equals(HEAD)).toList();
        boolean refChanged = ref.filter(c -> c.status() == Status.CHANGED).isPresent();
        boolean headCellChanged = head.filter(c -> c.status() == Status.CHANGED).isPresent();
        List<CellDrift> othersChanged = others.stream().filter(c -> c.status() == Status.CHANGED).toList();
        boolean refCompared = ref.filter(c -> c.status() == Status.CHANGED || c.status() == Status.UNCHANGED).isPresent();

        boolean sameWay = refChanged && headCellChanged && ref.get().current().equals(head.get().current());
        boolean environment = refChanged || (headCellChanged && !headChanged) || !othersChanged.isEmpty();
        boolean code = headCellChanged && headChanged && !sameWay && refCompared;
        boolean unexplained = headCellChanged && headChanged && !sameWay && !refCompared;
        Kind kind;
        if (unexplained && !environment) {
            kind = Kind.UNDECIDED;
        } else if (environment && code) {
            kind = Kind.BOTH;
        } else if (environment) {
            kind = Kind.ENVIRONMENT;
        } else if (code) {
            kind = Kind.CODE;
        } else if (cells.stream().anyMatch(c -> c.status() == Status.UNDECIDED)) {
            kind = Kind.UNDECIDED;
        } else if (cells.stream().anyMatch(c -> c.status() == Status.ONLY_BASELINE || c.status() == Status.ONLY_NOW)) {
            kind = Kind.ONE_SIDE;
        } else {
            kind = Kind.NONE;
        }
        return new Finding(env, call, kind, text.sentence(env, call, kind, ref, head, othersChanged, cells, sameWay));
    }

    private static Map<String, KeyChange> keys(RunResult base, RunResult now) {
        boolean comparable = dev.authbisect.analysis.RunResult.SCHEMA.equals(base.schema());
        Map<String, String> before = new LinkedHashMap<>();
        base.environments().forEach(e -> before.put(e.name(), nz(e.keyId())));
        Map<String, KeyChange> out = new LinkedHashMap<>();
        for (RunResult.Environment e : now.environments()) {
            String b = before.get(e.name());
            String status = b == null ? "new" : !comparable ? "not comparable" : b.equals(nz(e.keyId())) ? "unchanged" : "changed";
            out.put(e.name(), new KeyChange(e.name(), b, e.keyId(), status));
        }
        before.forEach((name, id) -> out.putIfAbsent(name, new KeyChange(name, id, "", "gone")));
        return out;
    }

    /** (env, call) pairs: this run's environments × calls in config order, then any only the baseline has. */
    private static List<String[]> envCalls(RunResult base, RunResult now) {
        Set<String> envs = new LinkedHashSet<>(now.envNames());
        envs.addAll(base.envNames());
        Set<String> calls = new LinkedHashSet<>(now.callNames());
        calls.addAll(base.callNames());
        List<String[]> out = new ArrayList<>();
        for (String e : envs) {
            for (String c : calls) {
                out.add(new String[] {e, c});
            }
        }
        return out;
    }

    private static int exitCode(List<CellDrift> cells) {
        if (cells.stream().anyMatch(c -> c.status() == Status.CHANGED)) {
            return ExitCodes.FAILURES;
        }
        boolean compared = cells.stream().anyMatch(c -> c.status() == Status.UNCHANGED);
        if (!compared || cells.stream().anyMatch(c -> c.status() == Status.UNDECIDED)) {
            return ExitCodes.INCOMPLETE;
        }
        return ExitCodes.OK;
    }

    private static Side side(String source, RunResult r, Optional<ResultHead> head, String simClock) {
        return new Side(source, r.schema(), r.startedAt(), head.map(h -> h.commit().id()).orElse(""),
                head.map(h -> h.commit().subject()).orElse(""), head.map(h -> h.row().moduleVersion()).orElse(""),
                head.map(h -> h.row().id()).orElse(""), r.configDigest(), simClock);
    }

    /** The date part of an ISO-8601 time ({@code 2025-12-19}), or the text as it is. */
    static String date(String iso) {
        String s = nz(iso);
        return s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-' ? s.substring(0, 10) : s;
    }

    private static String shortDigest(String d) {
        String s = nz(d);
        int colon = s.indexOf(':');
        String hex = colon >= 0 ? s.substring(colon + 1) : s;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
