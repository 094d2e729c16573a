package dev.authbisect.bisect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The candidates of one bisection round in the order git's {@code find_bisection} sees them:
 * git walks from bad and the goods newest commit date first (ties: first queued first), keeps the
 * commits not reachable from a good, and reverses that list, so the oldest comes first. With
 * {@code firstParent} the interesting side follows first parents only.
 *
 * <p>Reachability from the goods is exact here; git decides it while walking, which differs only
 * when commit dates go backwards along history (clock skew).
 */
final class CandidateWalk {
    private record Queued(String id, long time, long seq) {
    }

    private static final Comparator<Queued> NEWEST_FIRST =
            Comparator.comparingLong(Queued::time).reversed().thenComparingLong(Queued::seq);

    private CandidateWalk() {
    }

    /**
     * @param goods         the good commits, sorted by id (git reads them from refs in that order)
     * @param uninteresting the commits reachable from a good
     * @return the candidates, oldest first
     */
    static List<String> candidates(BisectGraph graph, String bad, List<String> goods, Set<String> uninteresting,
                                   boolean firstParent) {
        PriorityQueue<Queued> queue = new PriorityQueue<>(NEWEST_FIRST);
        Set<String> seen = new HashSet<>();
        long seq = 0;
        int interestingQueued = 0;
        List<String> tips = new ArrayList<>();
        tips.add(bad);
        tips.addAll(goods);
        for (String tip : tips) {
            if (graph.contains(tip) && seen.add(tip)) {
                queue.add(new Queued(tip, graph.time(tip), seq++));
                interestingQueued += uninteresting.contains(tip) ? 0 : 1;
            }
        }
        List<String> popped = new ArrayList<>();
        while (interestingQueued > 0) {
            Queued q = queue.poll();
            boolean interesting = !uninteresting.contains(q.id());
            if (interesting) {
                interestingQueued--;
                popped.add(q.id());
            }
            for (String parent : graph.parents(q.id())) {
                if (seen.add(parent)) {
                    queue.add(new Queued(parent, graph.time(parent), seq++));
                    interestingQueued += uninteresting.contains(parent) ? 0 : 1;
                }
                if (interesting && firstParent) {
                    break;
                }
            }
        }
        Collections.reverse(popped);
        return popped;
    }
}
