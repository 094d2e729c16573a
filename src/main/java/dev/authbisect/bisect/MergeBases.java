package dev.authbisect.bisect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The merge bases of one commit with a set of others (git's {@code get_merge_bases_many}). */
final class MergeBases {
    private MergeBases() {
    }

    /** Best common ancestors of {@code one} and any of {@code others}, newest first (ties by id). */
    static List<String> of(BisectGraph graph, String one, Collection<String> others) {
        Set<String> fromOne = graph.ancestors(List.of(one));
        Set<String> common = new HashSet<>(graph.ancestors(others));
        common.retainAll(fromOne);
        Set<String> below = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (String c : common) {
            for (String p : graph.parents(c)) {
                if (below.add(p)) {
                    todo.push(p);
                }
            }
        }
        while (!todo.isEmpty()) {
            for (String p : graph.parents(todo.pop())) {
                if (below.add(p)) {
                    todo.push(p);
                }
            }
        }
        List<String> bases = new ArrayList<>();
        for (String c : common) {
            if (!below.contains(c)) {
                bases.add(c);
            }
        }
        bases.sort(Comparator.comparingLong(graph::time).reversed().thenComparing(Comparator.naturalOrder()));
        return bases;
    }
}
