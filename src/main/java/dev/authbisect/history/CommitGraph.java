package dev.authbisect.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The selected commits as a plain DAG, with no JGit walk behind it: ids in history order
 * (parents before children) and, per commit, its parents <em>inside the selection</em>. With
 * {@code first_parent} only first-parent edges are kept. Immutable.
 */
public final class CommitGraph {
    private final List<ObjectId> order;
    private final Map<ObjectId, List<ObjectId>> parents;
    private final Map<ObjectId, List<ObjectId>> children;
    private final Map<ObjectId, Integer> index;

    /**
     * @param order   ids, parents before children
     * @param parents every id's parents (ids outside {@code order} are dropped)
     */
    public CommitGraph(List<ObjectId> order, Map<ObjectId, List<ObjectId>> parents) {
        List<ObjectId> ids = new ArrayList<>(order.size());
        Map<ObjectId, Integer> idx = new HashMap<>(order.size() * 4 / 3 + 1);
        for (ObjectId id : order) {
            ObjectId copy = id.copy();
            if (idx.put(copy, ids.size()) != null) {
                throw new IllegalArgumentException("duplicate commit " + copy.name());
            }
            ids.add(copy);
        }
        this.order = Collections.unmodifiableList(ids);
        this.index = Collections.unmodifiableMap(idx);
        Map<ObjectId, List<ObjectId>> ps = new LinkedHashMap<>(ids.size() * 4 / 3 + 1);
        Map<ObjectId, List<ObjectId>> cs = new LinkedHashMap<>(ids.size() * 4 / 3 + 1);
        for (ObjectId id : ids) {
            cs.put(id, new ArrayList<>(1));
        }
        for (int i = 0; i < ids.size(); i++) {
            ObjectId id = ids.get(i);
            List<ObjectId> given = parents.getOrDefault(id, List.of());
            List<ObjectId> inside = new ArrayList<>(given.size());
            for (ObjectId p : given) {
                Integer at = idx.get(p);
                if (at == null || inside.contains(p)) {
                    continue;
                }
                if (at >= i) {
                    throw new IllegalArgumentException("parent " + p.name() + " comes after its child " + id.name());
                }
                inside.add(ids.get(at));
                cs.get(ids.get(at)).add(id);
            }
            ps.put(id, Collections.unmodifiableList(inside));
        }
        cs.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.parents = Collections.unmodifiableMap(ps);
        this.children = Collections.unmodifiableMap(cs);
    }

    /** All ids, oldest first (parents before children). */
    public List<ObjectId> ids() {
        return order;
    }

    public int size() {
        return order.size();
    }

    public boolean contains(ObjectId id) {
        return index.containsKey(id);
    }

    /** Position in {@link #ids()}. */
    public int indexOf(ObjectId id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("commit " + id.name() + " is not in the selection");
        }
        return i;
    }

    /** Parents of {@code id} inside the selection, in git order. */
    public List<ObjectId> parents(ObjectId id) {
        indexOf(id);
        return parents.get(id);
    }

    /** Children of {@code id} inside the selection, in history order. */
    public List<ObjectId> children(ObjectId id) {
        indexOf(id);
        return children.get(id);
    }

    /** Commits without parents inside the selection (the range's lower boundary). */
    public List<ObjectId> roots() {
        return order.stream().filter(id -> parents.get(id).isEmpty()).toList();
    }

    /** Commits without children inside the selection (the range's tips). */
    public List<ObjectId> tips() {
        return order.stream().filter(id -> children.get(id).isEmpty()).toList();
    }

    /** {@code id} and everything inside the selection it reaches through parents. */
    public Set<ObjectId> ancestorsOf(ObjectId id) {
        return reach(id, parents);
    }

    /** {@code id} and everything inside the selection that reaches it. */
    public Set<ObjectId> descendantsOf(ObjectId id) {
        return reach(id, children);
    }

    /** True when {@code ancestor} is {@code descendant} or reachable from it through parents. */
    public boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
        return indexOf(ancestor) <= indexOf(descendant) && ancestorsOf(descendant).contains(ancestor);
    }

    private Set<ObjectId> reach(ObjectId start, Map<ObjectId, List<ObjectId>> edges) {
        indexOf(start);
        Set<ObjectId> seen = new HashSet<>();
        Deque<ObjectId> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            ObjectId id = todo.pop();
            if (seen.add(id)) {
                edges.get(id).forEach(todo::push);
            }
        }
        return Collections.unmodifiableSet(seen);
    }
}
