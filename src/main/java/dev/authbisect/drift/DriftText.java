package dev.authbisect.drift;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.drift.DriftReport.CellDrift;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.KeyChange;
import dev.authbisect.drift.DriftReport.Kind;
import dev.authbisect.drift.DriftReport.Status;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sentences of a drift report: one per environment × call that moved, saying what moved and
 * why it is the environment, the code, or both, e.g. "`prod` × `get_open_orders`: OK →
 * AUTH_REJECTED 40101 since the baseline of 2025-12-19 (key raHZAk…#3f2a unchanged); the reference
 * client changed the same way: ENVIRONMENT drift." Names are in backticks (rendered as code).
 */
final class DriftText {
    private final String baselineDate;
    private final boolean headChanged;
    private final Integer commitsSince;
    private final Map<String, KeyChange> keys;

    DriftText(String baselineDate, boolean headChanged, Integer commitsSince, Map<String, KeyChange> keys) {
        this.baselineDate = baselineDate;
        this.headChanged = headChanged;
        this.commitsSince = commitsSince;
        this.keys = keys;
    }

    static String commits(int n) {
        return n == 1 ? "1 commit" : n + " commits";
    }

    String sentence(String env, String call, Kind kind, Optional<CellDrift> ref, Optional<CellDrift> head,
                    List<CellDrift> othersChanged, List<CellDrift> cells, boolean sameWay) {
        String subject = "`" + env + "` × `" + call + "`: ";
        boolean refChanged = ref.filter(c -> c.status() == Status.CHANGED).isPresent();
        boolean headCellChanged = head.filter(c -> c.status() == Status.CHANGED).isPresent();
        return switch (kind) {
            case NONE -> "";
            case ENVIRONMENT, CODE, BOTH -> {
                String since = " since the baseline of " + baselineDate + key(env);
                List<String> why = new ArrayList<>();
                String opening;
                if (headCellChanged) {
                    opening = move(head.get()) + since;
                    if (refChanged) {
                        why.add(sameWay ? "the reference client changed the same way"
                                + (headChanged ? " (the module at HEAD changed too, " + codeDelta() + ", but the reference explains it)" : "")
                                : "the reference client changed too (" + move(ref.get()) + ")");
                    }
                    if (headChanged && kind != Kind.ENVIRONMENT) {
                        why.add("the module at HEAD changed (" + codeDelta() + ")" + (refChanged ? "" : " and the reference did not"));
                    } else if (!headChanged) {
                        why.add("the module at HEAD is the same module version as in the baseline"
                                + (ref.filter(c -> c.status() == Status.UNCHANGED).isPresent() ? " and the reference client did not change" : ""));
                    }
                } else if (refChanged) {
                    opening = "the reference client went " + move(ref.get()) + since;
                    head.filter(c -> c.status() == Status.UNCHANGED)
                            .ifPresent(h -> why.add("the module at HEAD did not change (" + h.current() + ")"));
                } else {
                    opening = othersChanged.size() + (othersChanged.size() == 1 ? " module version" : " module versions")
                            + " that did not change since the baseline changed outcome (" + others(othersChanged) + ")" + since;
                }
                if (!othersChanged.isEmpty() && (headCellChanged || refChanged)) {
                    why.add(othersChanged.size() + (othersChanged.size() == 1 ? " other unchanged module version" : " other unchanged module versions")
                            + " changed too (" + others(othersChanged) + ")");
                }
                String verdict = switch (kind) {
                    case CODE -> "CODE change";
                    case BOTH -> "both ENVIRONMENT drift and a CODE change";
                    default -> "ENVIRONMENT drift" + (refChanged && head.filter(c -> c.status() == Status.UNCHANGED).isPresent()
                            ? " seen by the reference client only" : !refChanged && ref.filter(c -> c.status() == Status.UNCHANGED).isPresent()
                            && othersChanged.isEmpty() ? " that only the code's requests see" : "");
                };
                yield subject + opening + (why.isEmpty() ? "" : "; " + String.join(" and ", why)) + ": " + verdict + ".";
            }
            case UNDECIDED -> {
                if (headCellChanged) {
                    String refWords = ref.isEmpty() ? "the reference client was not compared"
                            : "the reference client could not be compared (" + was(ref.get()) + ")";
                    yield subject + move(head.get()) + " since the baseline of " + baselineDate + key(env) + "; the module at HEAD changed ("
                            + codeDelta() + ") but " + refWords + ": cannot tell the code from the environment.";
                }
                yield subject + cells.stream().filter(c -> c.status() == Status.UNDECIDED)
                        .map(c -> role(c) + " was " + c.baseline() + " in the baseline of " + baselineDate + " and is " + c.current() + " now")
                        .collect(Collectors.joining("; ")) + ": undecided (not an auth result on one side).";
            }
            case ONE_SIDE -> subject + cells.stream().filter(c -> c.status() == Status.ONLY_BASELINE || c.status() == Status.ONLY_NOW)
                    .map(c -> c.status() == Status.ONLY_NOW ? role(c) + " is new since the baseline (" + c.current() + ")"
                            : role(c) + " was in the baseline only (" + c.baseline() + ")")
                    .collect(Collectors.joining("; ")) + ": not compared.";
        };
    }

    String summary(List<Finding> findings, List<CellDrift> cells, int exit) {
        String since = "the baseline of " + baselineDate;
        long compared = cells.stream().filter(c -> c.status() == Status.UNCHANGED || c.status() == Status.CHANGED
                || c.status() == Status.UNDECIDED).count();
        if (exit == ExitCodes.FAILURES) {
            Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
            findings.stream().filter(f -> f.kind() != Kind.NONE && f.kind() != Kind.ONE_SIDE)
                    .forEach(f -> byKind.merge(f.kind(), 1L, Long::sum));
            long moved = findings.stream().filter(f -> f.kind() != Kind.NONE && f.kind() != Kind.ONE_SIDE).count();
            String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + kindWords(e.getKey())
                    + (e.getKey() == Kind.CODE && e.getValue() > 1 ? "s" : "")).collect(Collectors.joining(", "));
            return "Drift since " + since + ": " + moved + " of " + findings.size() + " environment × call pairs changed ("
                    + kinds + ").";
        }
        if (compared == 0) {
            return "Nothing could be compared with " + since + ": no cell of the pinned rows is on both sides.";
        }
        long undecided = cells.stream().filter(c -> c.status() == Status.UNDECIDED).count();
        if (undecided > 0) {
            return "Undecided since " + since + ": " + undecided + (undecided == 1 ? " cell" : " cells")
                    + " moved into or out of a class that is no auth result (transport, probe error, skipped, flaky); "
                    + "no auth result changed.";
        }
        return "No drift since " + since + ": all " + compared + " compared cells (" + rowsWords(cells) + ") are unchanged.";
    }

    static String kindWords(Kind k) {
        return switch (k) {
            case ENVIRONMENT -> "ENVIRONMENT drift";
            case CODE -> "CODE change";
            case BOTH -> "both";
            case UNDECIDED -> "undecided";
            case ONE_SIDE -> "one side only";
            case NONE -> "unchanged";
        };
    }

    private static String rowsWords(List<CellDrift> cells) {
        List<String> roles = cells.stream().map(CellDrift::row).distinct().toList();
        List<String> words = new ArrayList<>();
        if (roles.contains(DriftComparator.REFERENCE)) {
            words.add("the reference client");
        }
        if (roles.contains(DriftComparator.HEAD)) {
            words.add("the module at HEAD");
        }
        long others = roles.stream().filter(r -> !r.equals(DriftComparator.REFERENCE) && !r.equals(DriftComparator.HEAD)).count();
        if (others > 0) {
            words.add(others + (others == 1 ? " other module version" : " other module versions"));
        }
        return String.join(", ", words);
    }

    private String key(String env) {
        KeyChange k = keys.get(env);
        if (k == null || k.current().isEmpty()) {
            return "";
        }
        return switch (k.status()) {
            case "unchanged" -> " (key " + k.current() + " unchanged)";
            case "changed" -> " (key " + k.baseline() + " → " + k.current() + ": another key or secret than in the baseline)";
            case "not comparable" -> " (key " + k.current() + "; the baseline's key id is not comparable)";
            default -> " (key " + k.current() + ")";
        };
    }

    private String codeDelta() {
        return commitsSince == null ? "commits not countable: the baseline's head is not in this history, or not behind this head"
                : commits(commitsSince) + " since the baseline";
    }

    private static String move(CellDrift c) {
        return c.baseline() + " → " + c.current();
    }

    private static String was(CellDrift c) {
        return c.baseline().isEmpty() ? "not in the baseline" : c.current().isEmpty() ? "not run now" : c.baseline() + " → " + c.current();
    }

    private static String others(List<CellDrift> changed) {
        String shown = changed.stream().limit(3).map(c -> "`" + c.currentRow() + "` " + move(c)).collect(Collectors.joining(", "));
        return changed.size() > 3 ? shown + ", …" : shown;
    }

    static String role(CellDrift c) {
        return switch (c.row()) {
            case DriftComparator.REFERENCE -> "the reference client";
            case DriftComparator.HEAD -> "the module at HEAD";
            default -> "module version `" + c.row() + "`";
        };
    }
}
