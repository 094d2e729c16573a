package dev.authbisect.drift;

import dev.authbisect.core.Outcome;
import dev.authbisect.drift.DriftHistory.Entry;
import dev.authbisect.drift.DriftHistory.EntryCell;
import dev.authbisect.drift.DriftHistory.EntryFinding;
import dev.authbisect.report.OutcomeStyle;
import dev.authbisect.report.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trend page of a drift history: one self-contained HTML file (inline CSS, a
 * Content-Security-Policy, no scripts) with a row per environment × call and a column per night,
 * each cell coloured by the class of the module at HEAD (with the reference client as a thin bar
 * below), change points marked where an outcome differs from the night before, and the nights
 * that reported drift lettered E (environment), C (code), B (both) or ? (undecided).
 */
final class TrendPage {
    /** Nights shown (the most recent). */
    static final int MAX_NIGHTS = 180;

    record Page(String title, String historyFile, String generated, int nightCount, List<NightView> nights,
                List<RowView> rows, boolean empty, String skipped, List<LegendView> legend) {
    }

    record NightView(String label, String title, String cls) {
    }

    record RowView(String env, String call, List<CellView> cells) {
    }

    record CellView(String cls, String headCls, String refCls, String mark, String title) {
    }

    record LegendView(String cls, String label, String name) {
    }

    private TrendPage() {
    }

    static String render(DriftHistory.Read history, String historyFile, String generated) {
        List<Entry> all = history.entries();
        List<Entry> shown = all.size() > MAX_NIGHTS ? all.subList(all.size() - MAX_NIGHTS, all.size()) : all;
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (Entry e : shown) {
            e.cells().forEach(c -> keys.add(c.env() + "\u0000" + c.call()));
            e.findings().forEach(f -> keys.add(f.env() + "\u0000" + f.call()));
        }
        List<NightView> nights = shown.stream().map(TrendPage::night).toList();
        List<RowView> rows = new ArrayList<>();
        for (String k : keys) {
            String[] ec = k.split("\u0000", 2);
            rows.add(row(ec[0], ec[1], shown));
        }
        String skipped = "";
        if (history.skipped() > 0 || all.size() > shown.size()) {
            List<String> parts = new ArrayList<>();
            if (all.size() > shown.size()) {
                parts.add("the " + (all.size() - shown.size()) + " oldest nights are left out (the page shows the last " + MAX_NIGHTS + ")");
            }
            if (history.skipped() > 0) {
                parts.add(history.skipped() + (history.skipped() == 1 ? " line" : " lines") + " of the history could not be read and are left out");
            }
            skipped = String.join("; ", parts) + ".";
        }
        List<LegendView> legend = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            legend.add(new LegendView(OutcomeStyle.cssClass(o), o.name(), OutcomeStyle.words(o)));
        }
        return Templates.render("drift-trend.mustache", new Page("authbisect drift trend · " + historyFile, historyFile, generated,
                all.size(), nights, rows, shown.isEmpty(), skipped, legend));
    }

    private static NightView night(Entry e) {
        String at = e.at();
        String shown = e.simClock().isEmpty() ? at : e.simClock();
        String label = shown.length() >= 16 ? shown.substring(0, 10) + " " + shown.substring(11, 16) : shown;
        String title = at + " · exit " + e.exitCode() + " (" + DriftPage.exitWords(e.exitCode()) + ")"
                + (e.headCommit().isEmpty() ? "" : " · HEAD " + e.headCommit().substring(0, Math.min(7, e.headCommit().length())))
                + (e.simClock().isEmpty() ? "" : " · simulator clock " + e.simClock()) + " · baseline " + e.baseline();
        return new NightView(label, title, "x-" + e.exitCode() + (e.simClock().isEmpty() ? "" : " sim"));
    }

    private static RowView row(String env, String call, List<Entry> nights) {
        List<CellView> cells = new ArrayList<>();
        String prevHead = null;
        String prevRef = null;
        for (Entry e : nights) {
            Map<String, String> byRow = new HashMap<>();
            for (EntryCell c : e.cells()) {
                if (c.env().equals(env) && c.call().equals(call)) {
                    byRow.put(c.row(), c.label());
                }
            }
            String head = byRow.get(DriftComparator.HEAD);
            String ref = byRow.get(DriftComparator.REFERENCE);
            Optional<DriftReport.Kind> kind = e.findings().stream().filter(f -> f.env().equals(env) && f.call().equals(call))
                    .map(EntryFinding::kind).findFirst();
            boolean change = (head != null && prevHead != null && !head.equals(prevHead))
                    || (ref != null && prevRef != null && !ref.equals(prevRef));
            String mark = kind.map(k -> switch (k) {
                case ENVIRONMENT -> "E";
                case CODE -> "C";
                case BOTH -> "B";
                case UNDECIDED -> "?";
                default -> "";
            }).orElse("");
            String primary = head != null ? head : ref;
            String title = e.at() + " · " + env + " · " + call + " · HEAD " + (head == null ? "–" : head) + " · reference "
                    + (ref == null ? "–" : ref) + kind.map(k -> " · " + DriftText.kindWords(k)).orElse("") + (change ? " · changed" : "");
            cells.add(new CellView((primary == null ? "none" : "") + (change ? " chg" : ""), DriftPage.cssOf(head == null ? ref : head),
                    DriftPage.cssOf(ref), mark, title));
            prevHead = head != null ? head : prevHead;
            prevRef = ref != null ? ref : prevRef;
        }
        return new RowView(env, call, cells);
    }
}
