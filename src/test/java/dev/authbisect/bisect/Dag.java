package dev.authbisect.bisect;

import java.util.ArrayList;
import java.util.List;

/** A hand-made commit graph for unit tests: each commit one second after the previous one. */
final class Dag {
    private final List<BisectGraph.Node> nodes = new ArrayList<>();
    private long time = 1_700_000_000L;

    /** Adds {@code id} with {@code parents} (first parent first); its subject is its id. */
    String commit(String id, String... parents) {
        nodes.add(new BisectGraph.Node(id, List.of(parents), time++, "subject of " + id));
        return id;
    }

    /** A chain {@code prefix1..prefixN} on top of {@code parent} (none for a root); returns the ids. */
    List<String> chain(String prefix, int n, String parent) {
        List<String> ids = new ArrayList<>();
        String previous = parent;
        for (int i = 1; i <= n; i++) {
            String id = prefix + i;
            if (previous == null) {
                commit(id);
            } else {
                commit(id, previous);
            }
            ids.add(id);
            previous = id;
        }
        return ids;
    }

    BisectGraph graph() {
        return BisectGraph.of(nodes);
    }
}
