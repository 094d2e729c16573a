package dev.authbisect.analysis;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The commits of a run in history order: the module-version rows' commit lists merged along
 * their parent links.
 *
 * <p>Order: a commit comes after every parent that is in the run (a topological order). Among
 * commits whose parents are all placed, the oldest commit time goes first, then the row that
 * comes first, then the commit's position in its row. Commits from different rows therefore
 * interleave as they did in history.
 *
 * <p>The <em>history parents</em> of a commit are its parents that are in the run. A commit with
 * none (the range boundary, or commits selected one by one with {@code revs}) is compared with
 * the commit placed just before it, so a sampled history still reads as a line.
 */
public final class History {
    private final List<CommitRef> order;
    private final Map<String, Integer> position;
    private final Map<String, Row> rowOf;
    private final Map<String, List<String>> historyParents;

    private History(List<CommitRef> order, Map<String, Row> rowOf) {
        this.order = List.copyOf(order);
        this.rowOf = Map.copyOf(rowOf);
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            pos.put(order.get(i).id(), i);
        }
        this.position = Map.copyOf(pos);
        Map<String, List<String>> hp = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            CommitRef c = order.get(i);
            List<String> inRun = c.parents().stream().filter(pos::containsKey).distinct().toList();
            if (inRun.isEmpty() && i > 0) {
                inRun = List.of(order.get(i - 1).id());
            }
            hp.put(c.id(), inRun);
        }
        this.historyParents = Map.copyOf(hp);
    }

    /** The history of the module-version rows of {@code rows} (the reference row has no commits). */
    public static History of(List<Row> rows) {
        Map<String, CommitRef> byId = new LinkedHashMap<>();
        Map<String, Row> rowOf = new HashMap<>();
        Map<String, int[]> rank = new HashMap<>(); // id -> {row index, position in row}
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.isReference()) {
                continue;
            }
            List<CommitRef> commits = row.commits();
            for (int p = 0; p < commits.size(); p++) {
                CommitRef c = commits.get(p);
                if (byId.putIfAbsent(c.id(), c) == null) {
                    rowOf.put(c.id(), row);
                    rank.put(c.id(), new int[] {r, p});
                }
            }
        }
        Map<String, Integer> pendingParents = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (CommitRef c : byId.values()) {
            int n = 0;
            for (String p : c.parents().stream().distinct().toList()) {
                if (byId.containsKey(p) && !p.equals(c.id())) {
                    n++;
                    children.computeIfAbsent(p, k -> new ArrayList<>()).add(c.id());
                }
            }
            pendingParents.put(c.id(), n);
        }
        Comparator<CommitRef> ready = Comparator
                .comparingLong((CommitRef c) -> epochSeconds(c.time()))
                .thenComparingInt(c -> rank.get(c.id())[0])
                .thenComparingInt(c -> rank.get(c.id())[1]);
        PriorityQueue<CommitRef> queue = new PriorityQueue<>(ready);
        byId.values().stream().filter(c -> pendingParents.get(c.id()) == 0).forEach(queue::add);
        List<CommitRef> order = new ArrayList<>(byId.size());
        while (!queue.isEmpty()) {
            CommitRef c = queue.poll();
            order.add(c);
            for (String child : children.getOrDefault(c.id(), List.of())) {
                if (pendingParents.merge(child, -1, Integer::sum) == 0) {
                    queue.add(byId.get(child));
                }
            }
        }
        if (order.size() < byId.size()) { // a parent cycle cannot come from git; keep the rest in row order
            byId.values().stream().filter(c -> !order.contains(c)).sorted(ready).forEach(order::add);
        }
        return new History(order, rowOf);
    }

    private static long epochSeconds(String time) {
        if (time == null || time.isEmpty()) {
            return 0L;
        }
        try {
            return OffsetDateTime.parse(time).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0L;
        }
    }

    /** Every commit of the run, oldest first in the order described above. */
    public List<CommitRef> commits() {
        return order;
    }

    public int size() {
        return order.size();
    }

    public Optional<CommitRef> commit(String id) {
        Integer p = position.get(id);
        return p == null ? Optional.empty() : Optional.of(order.get(p));
    }

    /** The position of a commit in {@link #commits()}, or -1. */
    public int position(String id) {
        return position.getOrDefault(id, -1);
    }

    /** The module-version row a commit belongs to. */
    public Optional<Row> rowOf(String id) {
        return Optional.ofNullable(rowOf.get(id));
    }

    /** The parents of a commit that are in the run (or the commit before it, see the class comment). */
    public List<String> historyParents(String id) {
        return historyParents.getOrDefault(id, List.of());
    }

    /**
     * The module-version rows ordered by the position of their first commit in history; rows
     * without commits keep their place after the others.
     */
    public List<Row> orderRows(List<Row> rows) {
        List<Row> mv = new ArrayList<>(rows.stream().filter(r -> !r.isReference()).toList());
        Map<String, Integer> first = new HashMap<>();
        for (Row r : mv) {
            first.put(r.id(), r.commits().stream().mapToInt(c -> position(c.id())).filter(p -> p >= 0).min()
                    .orElse(Integer.MAX_VALUE));
        }
        List<Row> sorted = new ArrayList<>(mv);
        sorted.sort(Comparator.comparingInt(r -> first.get(r.id()))); // stable: ties keep row order
        return sorted;
    }
}
