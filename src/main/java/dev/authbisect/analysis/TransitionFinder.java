package dev.authbisect.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds where a call's outcome changes along history in one environment.
 *
 * <p>A commit's state is its row's cell (decisive outcomes only). For each decided commit, its
 * <em>nearest decided ancestors</em> are found by walking up the history parents through
 * undecided commits (skipped, errored, flaky). A transition is emitted at the commit when its
 * state differs from every one of them: at a merge whose one side already had the new state, the
 * change happened on that side, not at the merge. The last good commit is the nearest decided
 * ancestor reached first (first parent first).
 */
final class TransitionFinder {
    private TransitionFinder() {
    }

    static List<Transition> find(History history, String env, Function<String, Optional<CellState>> stateOfCommit) {
        Map<String, Set<String>> frontier = new HashMap<>(); // commit -> nearest decided commits at or above it
        Map<String, CellState> states = new HashMap<>();
        List<Transition> out = new ArrayList<>();
        for (CommitRef c : history.commits()) {
            Optional<CellState> state = stateOfCommit.apply(c.id());
            Set<String> above = new LinkedHashSet<>();
            for (String p : history.historyParents(c.id())) {
                above.addAll(frontier.getOrDefault(p, Set.of()));
            }
            if (state.isEmpty()) {
                frontier.put(c.id(), above);
                continue;
            }
            CellState s = state.get();
            states.put(c.id(), s);
            frontier.put(c.id(), Set.of(c.id()));
            if (above.isEmpty() || above.stream().anyMatch(a -> states.get(a).equals(s))) {
                continue;
            }
            String before = above.iterator().next();
            CellState from = states.get(before);
            Transition.Kind kind = from.ok() ? Transition.Kind.BROKE
                    : s.ok() ? Transition.Kind.FIXED : Transition.Kind.CHANGED;
            out.add(new Transition(env, kind, before, c.id(), from.label(), s.label()));
        }
        return out;
    }
}
