package dev.authbisect.analysis;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The commits a run's range resolved to, for report headers: never a bare {@code HEAD}, always the
 * commits with their short ids and subjects.
 *
 * @param given   the range as given ({@code HEAD}, {@code v1.4.0..HEAD}, or the revs)
 * @param oldest  the oldest commit of the run (history order), if any
 * @param newest  the newest commits: those no other commit of the run descends from (one for a linear range)
 * @param commits how many commits the run has
 */
public record ResolvedRange(String given, java.util.Optional<CommitRef> oldest, List<CommitRef> newest, int commits) {
    public ResolvedRange {
        given = given == null ? "" : given;
        Objects.requireNonNull(oldest, "oldest");
        newest = List.copyOf(newest);
    }

    public static ResolvedRange of(RunResult result) {
        History history = History.of(result.rows());
        List<CommitRef> order = history.commits();
        Set<String> parents = new HashSet<>();
        for (CommitRef c : order) {
            parents.addAll(history.historyParents(c.id()));
        }
        List<CommitRef> tips = new java.util.ArrayList<>(order.stream().filter(c -> !parents.contains(c.id())).toList());
        java.util.Collections.reverse(tips); // newest first
        return new ResolvedRange(result.target().range(), order.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(order.get(0)), tips, order.size());
    }

    /**
     * "HEAD = 0a1b2c3 “Initial commit” … f102d57 “Clean the env secret” (14 commits)"; names in backticks
     * when {@code backticks} (for the sentence renderers), plain otherwise.
     */
    public String text(boolean backticks) {
        String q = backticks ? "`" : "";
        StringBuilder sb = new StringBuilder();
        if (!given.isEmpty()) {
            sb.append(q).append(Phrases.clean(given, 120)).append(q).append(" = ");
        }
        if (oldest.isEmpty()) {
            return sb.append("no commits").toString();
        }
        sb.append(label(oldest.get(), q));
        List<CommitRef> others = newest.stream().filter(c -> !c.id().equals(oldest.get().id())).toList();
        List<CommitRef> ends = others.stream().limit(3).toList();
        if (!ends.isEmpty()) {
            sb.append(" … ").append(String.join(", ", ends.stream().map(c -> label(c, q)).toList()));
            if (others.size() > ends.size()) {
                sb.append(" and ").append(others.size() - ends.size()).append(" more");
            }
        }
        return sb.append(" (").append(Phrases.commits(commits)).append(')').toString();
    }

    private static String label(CommitRef c, String q) {
        String subject = Phrases.clean(c.subject(), 60);
        return q + Phrases.clean(c.shortId(), 12) + q + (subject.isEmpty() ? "" : " “" + subject + "”");
    }
}
