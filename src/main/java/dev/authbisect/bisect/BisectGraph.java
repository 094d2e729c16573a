package dev.authbisect.bisect;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The commit DAG a bisection runs on: ids, parents (in order, first parent first) and commit
 * times. Independent of JGit, so the algorithm can be tested on hand-made graphs. Load every
 * commit reachable from the bad and the good commits (a range {@code good..bad} alone lacks the
 * goods' history, which decides what is reachable from them and the merge bases). Parents that are
 * not in the graph (a shallow clone) are treated as absent. From the history package:
 * {@code new BisectGraph.Node(n.id().name(), n.parents().stream().map(ObjectId::name).toList(),
 * n.time().getEpochSecond(), n.subject())}.
 */
public final class BisectGraph {
    /**
     * One commit.
     *
     * @param id      full object id (lower-case hex for real commits: ties are broken by id like git)
     * @param parents parent ids, first parent first
     * @param time    committer time in seconds since the epoch (git walks newest first)
     * @param subject first line of the message, for logs
     */
    public record Node(String id, List<String> parents, long time, String subject) {
        public Node {
            Objects.requireNonNull(id, "id");
            parents = parents == null ? List.of() : List.copyOf(parents);
            subject = subject == null ? "" : subject;
        }

        public Node(String id, List<String> parents, long time) {
            this(id, parents, time, "");
        }
    }

    private final Map<String, Node> nodes;

    private BisectGraph(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    public static BisectGraph of(Collection<Node> commits) {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : commits) {
            if (map.put(n.id(), n) != null) {
                throw new IllegalArgumentException("commit " + n.id() + " appears twice");
            }
        }
        return new BisectGraph(map);
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    public Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public int size() {
        return nodes.size();
    }

    /** Parents of {@code id} that are in the graph, in order. */
    List<String> parents(String id) {
        Node n = nodes.get(id);
        if (n == null) {
            return List.of();
        }
        boolean allKnown = true;
        for (String p : n.parents()) {
            allKnown &= nodes.containsKey(p);
        }
        return allKnown ? n.parents() : n.parents().stream().filter(nodes::containsKey).toList();
    }

    long time(String id) {
        return nodes.get(id).time();
    }

    String subject(String id) {
        Node n = nodes.get(id);
        return n == null ? "" : n.subject();
    }

    /** The commits reachable from {@code starts} through all parents, the starts included. */
    public Set<String> ancestors(Collection<String> starts) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>();
        for (String s : starts) {
            if (nodes.containsKey(s) && seen.add(s)) {
                todo.push(s);
            }
        }
        while (!todo.isEmpty()) {
            for (String p : parents(todo.pop())) {
                if (seen.add(p)) {
                    todo.push(p);
                }
            }
        }
        return seen;
    }

    /** True when {@code ancestor} is reachable from {@code descendant} (a commit is its own ancestor). */
    public boolean isAncestor(String ancestor, String descendant) {
        return ancestors(List.of(descendant)).contains(ancestor);
    }
}
