package dev.authbisect.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import dev.authbisect.bisect.RandomHistory.Generated;
import dev.authbisect.bisect.RandomHistory.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test against the real {@code git bisect run}: seeded random histories (linear and with
 * merges, with and without untestable module versions, with and without commits outside the
 * module), the same verdict script for both, and the same answer.
 */
class BisectAgreesWithGitBisectTest {
    /** 4 × 24 + 2 × 12 + 2 × 24 + 2 × 24 = 216 histories. */
    private static final int PER_CASE = 24;

    @TempDir
    Path tmp;

    /** Git runs one process per step: two threads keep both cores busy; the tests then await their case. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bisect-vs-git");
        t.setDaemon(true);
        return t;
    });

    /** What a run concluded, in the shape both git and authbisect can be put in. */
    private record Conclusion(List<String> steps, Optional<String> firstBad, Set<String> possible, Optional<String> badMergeBase) {
    }

    @TestFactory
    Stream<DynamicTest> whenEveryCommitChangesTheModuleTheStepsAreExactlyGits() {
        return cases(Model.EVERY_COMMIT_CHANGES_MODULE, 1_000, false, (h, ours, git) -> assertEquals(git, ours));
    }

    @TestFactory
    Stream<DynamicTest> firstParentModeMakesGitsFirstParentChoices() {
        return Stream.of(true, false).flatMap(skips -> seeds(5_000 + (skips ? 500 : 0), PER_CASE / 2).map(seed ->
                async("first-parent, skips=" + skips + ", seed " + seed, () -> {
                    Generated h = RandomHistory.build(dir(seed, "fp"), seed, Model.EVERY_COMMIT_CHANGES_MODULE, true, skips);
                    compare(h, true, List.of(), (g, ours, git) -> assertEquals(git, ours));
                }))).toList().stream();
    }

    @TestFactory
    Stream<DynamicTest> onLinearHistoriesTheStepsAreGitsWithTheModuleAsPathspec() {
        return Stream.of(true, false).flatMap(skips -> seeds(2_000 + (skips ? 500 : 0), PER_CASE).map(seed ->
                async("linear one-bug, skips=" + skips + ", seed " + seed, () -> {
                    Generated h = RandomHistory.build(dir(seed, "lin"), seed, Model.ONE_BUG, false, skips);
                    compare(h, false, List.of(RepoModule.MODULE), (g, ours, git) -> {
                        assertEquals(git, ours);
                        assertNamesTheIntroducer(g, ours);
                    });
                }))).toList().stream();
    }

    @TestFactory
    Stream<DynamicTest> withMergesAndCommitsOutsideTheModuleTheFirstBadCommitIsGits() {
        return Stream.of(true, false).flatMap(skips -> seeds(3_000 + (skips ? 500 : 0), PER_CASE).map(seed ->
                async("merges one-bug, skips=" + skips + ", seed " + seed, () -> {
                    Generated h = RandomHistory.build(dir(seed, "mrg"), seed, Model.ONE_BUG, true, skips);
                    compare(h, false, List.of(), (g, ours, git) -> {
                        assertNamesTheIntroducer(g, ours);
                        assertNamesTheIntroducer(g, git);
                        if (!skips) {
                            assertEquals(git.firstBad(), ours.firstBad());
                        }
                    });
                }))).toList().stream();
    }

    private Stream<DynamicTest> cases(Model model, long base, boolean firstParent, Check check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean merges : List.of(false, true)) {
            for (boolean skips : List.of(false, true)) {
                long from = base + (merges ? 100 : 0) + (skips ? 200 : 0);
                seeds(from, PER_CASE).forEach(seed -> tests.add(async(
                        model + " merges=" + merges + " skips=" + skips + " seed " + seed, () -> {
                            Generated h = RandomHistory.build(dir(seed, "all"), seed, model, merges, skips);
                            compare(h, firstParent, List.of(), check);
                        })));
            }
        }
        return tests.stream();
    }

    /** Starts the case now on the pool; the dynamic test waits for it and reports its failure. */
    private static DynamicTest async(String name, Runnable body) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(body, POOL);
        return DynamicTest.dynamicTest(name, () -> {
            try {
                done.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof AssertionError a) {
                    throw a;
                }
                throw e;
            }
        });
    }

    private static Stream<Long> seeds(long from, int count) {
        return Stream.iterate(from, s -> s + 1).limit(count);
    }

    private Path dir(long seed, String kind) {
        return tmp.resolve(kind + "-" + seed + "-" + System.nanoTime());
    }

    @FunctionalInterface
    private interface Check {
        void check(Generated history, Conclusion ours, Conclusion git);
    }

    private static void compare(Generated h, boolean firstParent, List<String> paths, Check check) {
        GitBisect.Run git = GitBisect.run(h.dir(), h.bad(), h.goods(), firstParent, paths);
        BisectResult result;
        try (RepoModule repo = new RepoModule(h.dir())) {
            result = Bisection.on(repo.graph()).bad(h.bad()).goods(h.goods()).firstParent(firstParent)
                    .moduleVersions(repo::moduleVersionOf).run(repo::test);
        }
        Conclusion ours = conclusion(result);
        Conclusion theirs = new Conclusion(git.steps(), git.firstBad(), new HashSet<>(git.possible()), git.badMergeBase());
        try {
            check.check(h, ours, theirs);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nhistory: " + h + "\nours: " + ours + "\ngit: " + git.output(), e);
        }
    }

    private static Conclusion conclusion(BisectResult result) {
        List<String> steps = result.steps().stream().map(s -> s.term().word() + " " + s.trial().commit()).toList();
        if (result instanceof BisectResult.Found f) {
            return new Conclusion(steps, Optional.of(f.commit().id()), Set.of(), Optional.empty());
        }
        if (result instanceof BisectResult.OnlySkippedLeft o) {
            Set<String> ids = new HashSet<>();
            o.candidates().stream().map(CommitLabel::id).forEach(ids::add);
            return new Conclusion(steps, Optional.empty(), ids, Optional.empty());
        }
        if (result instanceof BisectResult.MergeBaseBad m) {
            return new Conclusion(steps, Optional.empty(), Set.of(), Optional.of(m.mergeBase().id()));
        }
        throw new AssertionError("unexpected result " + result);
    }

    private static void assertNamesTheIntroducer(Generated h, Conclusion c) {
        String introducer = h.introducer().orElseThrow();
        assertTrue(c.firstBad().map(introducer::equals).orElse(false) || c.possible().contains(introducer),
                "the commit that brought the bug, " + introducer + ", is named: " + c);
    }
}
