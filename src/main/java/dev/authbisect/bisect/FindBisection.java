package dev.authbisect.bisect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * git's {@code find_bisection} over one round's candidates ({@code bisect.c}): the weight of a
 * commit is the number of counted candidates it reaches (itself included); the best commit
 * maximises {@code min(weight, nr - weight)}. Commits that keep their parent's module version
 * ("treesame", as with a pathspec in git) are not counted and never chosen. Without skips git
 * stops at the first commit, oldest first, that is within 0.1% of halfway, else takes the first
 * best; with skips it sorts all counted commits by that distance, descending, ties by id.
 */
final class FindBisection {
    /**
     * @param ordered candidate indexes, best first (only the best unless {@code all})
     * @param nr      counted candidates (those that change the module version)
     * @param reaches weight of the best
     */
    record Choice(List<Integer> ordered, int nr, int reaches) {
    }

    private final List<String> list;
    private final int[][] parents;
    private final boolean[] treesame;
    private final boolean firstParent;
    private final int[] weight;
    private final int nr;

    /**
     * @param list     candidates oldest first
     * @param parents  for each candidate, the indexes of its parents that are candidates (in parent
     *                 order; with first-parent only the first parent, or none when it is not a candidate)
     * @param treesame for each candidate, whether it keeps a parent's module version
     */
    FindBisection(List<String> list, int[][] parents, boolean[] treesame, boolean firstParent) {
        this.list = list;
        this.parents = parents;
        this.treesame = treesame;
        this.firstParent = firstParent;
        this.weight = new int[list.size()];
        int counted = 0;
        for (boolean t : treesame) {
            counted += t ? 0 : 1;
        }
        this.nr = counted;
    }

    Choice choose(boolean all) {
        Integer early = computeWeights(all);
        if (early != null) {
            return new Choice(List.of(early), nr, weight[early]);
        }
        if (!all) {
            int best = bestBisection();
            return new Choice(List.of(best), nr, weight[best]);
        }
        List<Integer> sorted = bestBisectionSorted();
        if (sorted.isEmpty()) {
            return new Choice(list.isEmpty() ? List.of() : List.of(0), nr, list.isEmpty() ? 0 : weight[0]);
        }
        return new Choice(sorted, nr, weight[sorted.get(0)]);
    }

    /** Returns an index that is approximately halfway (only when not {@code all}), else null. */
    private Integer computeWeights(boolean all) {
        int n = list.size();
        int counted = 0;
        for (int i = 0; i < n; i++) {
            switch (parents[i].length) {
                case 0 -> {
                    if (!treesame[i]) {
                        weight[i] = 1;
                        counted++;
                    }
                }
                case 1 -> weight[i] = -1;
                default -> weight[i] = -2;
            }
        }
        for (int i = 0; i < n; i++) {
            if (weight[i] != -2) {
                continue;
            }
            if (firstParent) {
                throw new IllegalStateException("merges have one candidate parent in first-parent mode");
            }
            weight[i] = countDistance(i);
            if (!all && approxHalfway(i)) {
                return i;
            }
            // git counts every merge here; counting only those that change the module version keeps
            // the loop below from stopping early when a merge keeps its parent's module version
            counted += treesame[i] ? 0 : 1;
        }
        boolean progress = true;
        while (counted < nr && progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (weight[i] >= 0) {
                    continue;
                }
                int known = -1;
                for (int q : parents[i]) {
                    if (weight[q] >= 0) {
                        known = q;
                        break;
                    }
                }
                if (known < 0) {
                    continue;
                }
                progress = true;
                if (!treesame[i]) {
                    weight[i] = weight[known] + 1;
                    counted++;
                } else {
                    weight[i] = weight[known];
                }
                if (!all && approxHalfway(i)) {
                    return i;
                }
            }
        }
        return null;
    }

    /** Counted candidates reachable from {@code start}, itself included. */
    private int countDistance(int start) {
        boolean[] seen = new boolean[list.size()];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(start);
        seen[start] = true;
        int count = 0;
        while (!todo.isEmpty()) {
            int c = todo.pop();
            count += treesame[c] ? 0 : 1;
            for (int p : parents[c]) {
                if (!seen[p]) {
                    seen[p] = true;
                    todo.push(p);
                }
            }
        }
        return count;
    }

    private boolean approxHalfway(int i) {
        if (treesame[i]) {
            return false;
        }
        int diff = 2 * weight[i] - nr;
        if (diff >= -1 && diff <= 1) {
            return true;
        }
        return Math.abs(diff) < nr / 1024;
    }

    private int distance(int i) {
        return Math.min(weight[i], nr - weight[i]);
    }

    private int bestBisection() {
        int best = 0;
        int bestDistance = -1;
        for (int i = 0; i < list.size(); i++) {
            if (treesame[i]) {
                continue;
            }
            int d = distance(i);
            if (d > bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    private List<Integer> bestBisectionSorted() {
        List<Integer> counted = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!treesame[i]) {
                counted.add(i);
            }
        }
        counted.sort(Comparator.<Integer>comparingInt(i -> -distance(i)).thenComparing(list::get));
        return counted;
    }
}
