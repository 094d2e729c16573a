package dev.authbisect.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child, every descendant seen while it ran, and — depending on the {@link Containment} — what
 * the OS knows belongs to it (its PID namespace, its subreaper, its session). Descendants are also
 * remembered from periodic snapshots because an orphaned grandchild (its parent exited) no longer
 * shows up under the child. Thread-safe: {@link ProcessRunner#stopAll()} stops a tree from
 * another thread.
 */
final class ProcessTree {
    /** How long a subreaper helper gets to kill what it holds after SIGTERM. */
    private static final Duration HELPER_GRACE = Duration.ofSeconds(3);

    private final ProcessHandle root;
    private final Containment.Kind kind;
    private final Map<Long, ProcessHandle> seen = new LinkedHashMap<>();

    ProcessTree(ProcessHandle root, Containment.Kind kind) {
        this.root = root;
        this.kind = kind;
    }

    /**
     * Whether descendants must be remembered while the child runs ({@link #snapshot()} every few
     * tens of ms): only with {@link Containment.Kind#SESSION} and {@link Containment.Kind#NONE}, where
     * an orphaned grandchild is found by no other means. In a PID namespace the kernel, and under a
     * subreaper the helper, keep track of everything the child starts, so waiting for the exit is enough.
     */
    boolean needsSnapshots() {
        return kind == Containment.Kind.SESSION || kind == Containment.Kind.NONE;
    }

    /**
     * After the child exited on its own: kills what it left running. Nothing is left in a PID
     * namespace (when its first process, the command, exits, the kernel kills the rest before the
     * {@code unshare} that waits for it can exit) or under a subreaper (the helper kills everything
     * re-parented to it before it exits), so only the weaker containments need {@link #killAll()}.
     */
    void afterExit() {
        if (needsSnapshots()) {
            killAll();
        }
    }

    /** Remembers the current descendants. */
    synchronized void snapshot() {
        root.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
    }

    /**
     * Stops a child that ran past its timeout. A subreaper helper gets SIGTERM first and kills
     * everything it holds (it is the only one that knows the re-parented daemons); everything
     * else is killed outright by {@link #killAll()}.
     */
    void stop() throws InterruptedException {
        snapshot();
        if (kind == Containment.Kind.SUBREAPER && root.isAlive()) {
            root.destroy();
            try {
                root.onExit().get(HELPER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // killed outright below
            }
        }
        killAll();
    }

    /**
     * Kills the child and every descendant ever seen that is still alive (SIGKILL), and with
     * {@link Containment.Kind#SESSION} every process of the child's session. (In a PID namespace the
     * kernel has already killed everything once the child is gone.)
     */
    synchronized void killAll() {
        snapshot(); // before the root dies: its children are re-parented after that
        if (kind == Containment.Kind.SESSION) {
            sessionMembers(root.pid()).forEach(h -> seen.putIfAbsent(h.pid(), h));
        }
        root.destroyForcibly();
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> alive = new ArrayList<>();
            for (ProcessHandle h : List.copyOf(seen.values())) {
                if (h.isAlive()) {
                    alive.add(h);
                    h.descendants().forEach(d -> seen.putIfAbsent(d.pid(), d));
                }
            }
            if (kind == Containment.Kind.SESSION) {
                sessionMembers(root.pid()).forEach(h -> {
                    seen.putIfAbsent(h.pid(), h);
                    alive.add(h);
                });
            }
            if (alive.isEmpty()) {
                return;
            }
            seen.values().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Live processes whose session id is {@code sid} (field 6 of /proc/PID/stat). */
    static List<ProcessHandle> sessionMembers(long sid) {
        List<ProcessHandle> out = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after "pid (comm) ": state ppid pgrp session …
                    if (f.length > 3 && !f[0].equals("Z") && Long.parseLong(f[3]) == sid) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return out; // no /proc: nothing more to find
        }
        return out;
    }
}
