package dev.authbisect.bisect;

import static dev.authbisect.testkit.GitHistory.file;

import dev.authbisect.testkit.GitHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random git histories for comparing with {@code git bisect}. The file {@code module/state}
 * says what a test of the commit gives ({@code good}, {@code bad} or {@code skip}); module commits
 * add a file under {@code module/}, other commits only touch {@code docs/}.
 *
 * <ul>
 *   <li>{@link Model#EVERY_COMMIT_CHANGES_MODULE}: every commit (merges too) changes the module and
 *       states are random, not monotone: authbisect must make git's exact choices.</li>
 *   <li>{@link Model#ONE_BUG}: one module commit {@code introducer} brings the bug, its descendants
 *       are bad, the rest good; some module versions cannot be tested (skip).</li>
 * </ul>
 */
final class RandomHistory {
    enum Model { EVERY_COMMIT_CHANGES_MODULE, ONE_BUG }

    record Generated(Path dir, String bad, List<String> goods, Optional<String> introducer, Model model,
                     boolean merges, boolean skips) {
    }

    private final Random random;
    private final Model model;
    private final boolean merges;
    private final double skipRate;
    private final Map<String, List<String>> parents = new HashMap<>();
    private final Map<String, String> state = new HashMap<>();
    private final Set<String> descendants = new HashSet<>();
    private final List<String> commits = new ArrayList<>();
    private String introducer;
    private int counter;

    private RandomHistory(long seed, Model model, boolean merges, boolean skips) {
        this.random = new Random(seed);
        this.model = model;
        this.merges = merges;
        this.skipRate = skips ? 0.25 : 0.0;
    }

    /**
     * Builds one history under {@code dir}. A seed that gives no usable good/bad pair (no bad state,
     * no good commit before it) is followed by derived seeds until one does.
     */
    static Generated build(Path dir, long seed, Model model, boolean merges, boolean skips) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<Generated> h = new RandomHistory(seed * 1_000 + attempt, model, merges, skips)
                    .generate(dir.resolve("attempt-" + attempt));
            if (h.isPresent()) {
                return h.get();
            }
        }
        throw new IllegalStateException("no usable history for seed " + seed);
    }

    private Optional<Generated> generate(Path dir) {
        try (GitHistory git = GitHistory.initBare(dir)) {
            git.bulk(g -> grow(g));
        }
        return choosePair().map(pair -> new Generated(dir, pair.get(0), pair.subList(1, pair.size()),
                Optional.ofNullable(introducer), model, merges, skipRate > 0));
    }

    private void grow(GitHistory git) {
        int n = 5 + random.nextInt(model == Model.ONE_BUG ? 14 : 10);
        int bugAt = 1 + random.nextInt(n - 1);
        List<String> branches = new ArrayList<>(List.of(GitHistory.MAIN));
        String current = GitHistory.MAIN;
        git.commit("root", file("module/state", "good"), file("module/f0", "0"), file("docs/d0", "0"));
        record(git, List.of(), "good");
        for (int i = 1; i < n; i++) {
            double roll = random.nextDouble();
            if (merges && roll < 0.15 && branches.size() > 1) {
                String other = pickOther(branches, current);
                mergeInto(git, other);
            } else if (merges && roll < 0.30 && branches.size() < 4) {
                current = "b" + i;
                git.checkout(current);
                branches.add(current);
                commit(git, i >= bugAt);
            } else if (merges && roll < 0.40 && branches.size() > 1) {
                current = pickOther(branches, current);
                git.checkout(current);
                commit(git, i >= bugAt);
            } else {
                commit(git, i >= bugAt);
            }
        }
        if (model == Model.ONE_BUG && introducer == null) {
            commit(git, true);
        }
    }

    private String pickOther(List<String> branches, String current) {
        List<String> others = new ArrayList<>(branches);
        others.remove(current);
        return others.get(random.nextInt(others.size()));
    }

    private void commit(GitHistory git, boolean bugTime) {
        String head = git.head().name();
        boolean moduleCommit = model == Model.EVERY_COMMIT_CHANGES_MODULE || random.nextDouble() < 0.55
                || (bugTime && introducer == null);
        int k = ++counter;
        if (!moduleCommit) {
            git.commit("docs " + k, file("docs/d" + k, "" + k));
            record(git, List.of(head), state.get(head));
            return;
        }
        boolean introduces = model == Model.ONE_BUG && bugTime && introducer == null;
        String s = stateFor(List.of(head), introduces);
        git.commit("module " + k, file("module/f" + k, "" + k), file("module/state", s));
        if (introduces) {
            introducer = git.head().name();
            descendants.add(introducer);
        }
        record(git, List.of(head), s);
    }

    private void mergeInto(GitHistory git, String other) {
        String head = git.head().name();
        String theirs = git.id(other).name();
        if (head.equals(theirs) || isAncestor(theirs, head)) {
            return;
        }
        int k = ++counter;
        String s = stateFor(List.of(head, theirs), false);
        List<GitHistory.Change> changes = new ArrayList<>(List.of(file("module/state", s)));
        if (model == Model.EVERY_COMMIT_CHANGES_MODULE) {
            changes.add(file("module/m" + k, "" + k));
        }
        git.merge(other, "merge " + other + " " + k, changes.toArray(GitHistory.Change[]::new));
        record(git, List.of(head, theirs), s);
    }

    private String stateFor(List<String> parentIds, boolean introduces) {
        if (skipRate > 0 && random.nextDouble() < skipRate) {
            return "skip";
        }
        if (model == Model.EVERY_COMMIT_CHANGES_MODULE) {
            return random.nextDouble() < 0.5 ? "good" : "bad";
        }
        boolean bad = introduces || parentIds.stream().anyMatch(descendants::contains);
        return bad ? "bad" : "good";
    }

    private void record(GitHistory git, List<String> parentIds, String s) {
        String id = git.head().name();
        parents.put(id, parentIds);
        state.put(id, s);
        commits.add(id);
        if (parentIds.stream().anyMatch(descendants::contains)) {
            descendants.add(id);
        }
    }

    private boolean isAncestor(String ancestor, String of) {
        List<String> todo = new ArrayList<>(List.of(of));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String c = todo.remove(todo.size() - 1);
            if (c.equals(ancestor)) {
                return true;
            }
            if (seen.add(c)) {
                todo.addAll(parents.getOrDefault(c, List.of()));
            }
        }
        return false;
    }

    /** [bad, goods…]: bad has state bad, each good has state good and is not a descendant of bad. */
    private Optional<List<String>> choosePair() {
        List<String> bads = commits.stream().filter(c -> state.get(c).equals("bad")).toList();
        if (bads.isEmpty()) {
            return Optional.empty();
        }
        String bad = random.nextDouble() < 0.6 ? bads.get(bads.size() - 1) : bads.get(random.nextInt(bads.size()));
        List<String> goods = new ArrayList<>(commits.stream()
                .filter(c -> state.get(c).equals("good") && !isAncestor(bad, c)).toList());
        if (goods.isEmpty()) {
            return Optional.empty();
        }
        List<String> pair = new ArrayList<>();
        pair.add(bad);
        pair.add(goods.remove(random.nextInt(goods.size())));
        if (merges && !goods.isEmpty() && random.nextDouble() < 0.25) {
            String second = goods.get(random.nextInt(goods.size()));
            pair.add(second);
        }
        return Optional.of(pair);
    }
}
