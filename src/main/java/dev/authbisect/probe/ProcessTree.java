package dev.authbisect.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child and every descendant seen while it ran. Descendants are remembered from periodic
 * snapshots because an orphaned grandchild (its parent exited) no longer shows up under the child.
 */
final class ProcessTree {
    private final ProcessHandle root;
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
    }

    /** Remembers the current descendants. */
    void snapshot() {
        root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
    }

    /** Kills the child and every descendant ever seen that is still alive (SIGKILL). */
    void killAll() {
        snapshot(); // before the root dies: its children are re-parented after that
        root.destroyForcibly();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> alive = new ArrayList<>();
            for (ProcessHandle h : List.copyOf(seen.values())) {
                if (h.isAlive()) {
                    alive.add(h);
                    h.descendants().forEach(d -> seen.putIfAbsent(d.pid(), d));
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            seen.values().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
