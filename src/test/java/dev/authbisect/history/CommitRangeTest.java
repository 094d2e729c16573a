package dev.authbisect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitRangeTest {
    @TempDir
    Path dir;
    GitHistory git;

    @BeforeEach
    void createRepository() {
        git = GitHistory.initBare(dir);
    }

    @AfterEach
    void closeRepository() {
        git.close();
    }

    /**
     * <pre>
     *   v1 - m1 - m2 ------- merge(feature) - m4 - merge(fix) - m5     (main)
     *          \            /                      /
     *           f1 - f2 - f3                 x1 - x2                   (feature; fix from m2)
     * </pre>
     */
    private void mergeHistory() {
        git.bulk(g -> g.commit("v1 release", "app/a.py", "1").tag("v1")
                .commit("m1", "app/a.py", "2")
                .branch("feature").checkout("feature")
                .commit("f1", "app/f.py", "1").commit("f2", "docs/x.md", "2").commit("f3", "app/f.py", "3")
                .checkout("main").commit("m2", "app/a.py", "3")
                .branch("fix").checkout("fix").commit("x1", "app/b.py", "1").commit("x2", "app/b.py", "2")
                .checkout("main").merge("feature", "Merge feature").commit("m4", "README.md", "hi")
                .merge("fix", "Merge fix").commit("m5", "app/a.py", "4"));
    }

    private List<String> resolved(String range, boolean firstParent) {
        CommitRange r = CommitRange.resolve(git.repository(),
                new CommitSelection(Optional.of(range), List.of(), firstParent));
        return r.commits().stream().map(c -> c.id().name()).toList();
    }

    private List<String> revList(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "rev-list";
        all[1] = "--topo-order";
        all[2] = "--reverse";
        System.arraycopy(args, 0, all, 3, args.length);
        return GitCli.lines(dir, all);
    }

    @Test
    void rangesWithMergesSelectWhatGitRevListSelectsInTheSameOrder() {
        mergeHistory();
        for (String range : List.of("v1..main", "feature..main", "main~1..main", "fix..feature", "v1..fix", "main~2..main")) {
            assertEquals(revList(range), resolved(range, false), range);
        }
    }

    @Test
    void aSingleRevisionSelectsEverythingReachableFromIt() {
        mergeHistory();
        assertEquals(revList("main"), resolved("main", false));
        assertEquals(revList("feature"), resolved("feature", false));
        assertEquals(12, resolved("HEAD", false).size());
    }

    @Test
    void firstParentFollowsOnlyFirstParentsLikeGit() {
        mergeHistory();
        for (String range : List.of("v1..main", "main", "feature..main", "main~2..main", "fix..main")) {
            assertEquals(revList("--first-parent", range), resolved(range, true), range);
        }
        assertEquals(List.of("m1", "m2", "Merge feature", "m4", "Merge fix", "m5"),
                CommitRange.resolve(git.repository(), new CommitSelection(Optional.of("v1..main"), List.of(), true))
                        .commits().stream().map(CommitNode::subject).toList());
    }

    @Test
    void symmetricDifferenceSelectsBothSidesOfTheMergeBase() {
        mergeHistory();
        assertEquals(revList("feature...fix").stream().sorted().toList(),
                resolved("feature...fix", false).stream().sorted().toList());
        assertEquals(6, resolved("feature...fix", false).size(), "f1 f2 f3 on one side; m2 x1 x2 on the other");
    }

    @Test
    void caretBangSelectsOneCommitLikeGit() {
        mergeHistory();
        for (String range : List.of("main^!", "main~1^!", "feature^!", "v1^!", "main~2^!")) {
            assertEquals(revList(range), resolved(range, false), range);
            assertEquals(1, resolved(range, false).size(), range);
        }
    }

    @Test
    void anEmptySideOfARangeMeansHead() {
        mergeHistory();
        assertEquals(revList("v1..HEAD"), resolved("v1..", false));
        assertEquals(revList("main~3..HEAD").size(), resolved("main~3..", false).size());
    }

    @Test
    void commitsComeParentsFirstAndCarryTheirMetadata() {
        git.author("Ada").commit("first line\n\nbody", "a", "1");
        ObjectId second = git.author("Bob").tick(90).commit("second", "a", "2").head();
        CommitRange r = CommitRange.resolve(git.repository(), CommitSelection.range("HEAD"));

        CommitNode last = r.commits().get(1);
        assertEquals(second, last.id());
        assertEquals(List.of(r.commits().get(0).id()), last.parents());
        assertEquals("first line", r.commits().get(0).subject());
        assertEquals("Bob", last.authorName());
        assertEquals("bob@example.com", last.authorEmail());
        assertEquals(Instant.parse("2025-01-01T00:02:30Z"), last.time());
        assertEquals(second.name().substring(0, 7), last.shortId());
        assertEquals("HEAD", r.description());
    }

    @Test
    void aRangeListsItsCommitsParentsFirstWithTheSideBranchOfAMerge() {
        mergeHistory();
        // main~3 = Merge feature, so the range is m4, x1, x2, Merge fix, m5
        CommitRange r = CommitRange.resolve(git.repository(), CommitSelection.range("main~3..main"));
        List<ObjectId> ids = r.commits().stream().map(CommitNode::id).toList();
        for (CommitNode c : r.commits()) {
            for (ObjectId p : c.parents()) {
                assertTrue(!ids.contains(p) || ids.indexOf(p) < ids.indexOf(c.id()), "parent before child");
            }
        }
        assertEquals(5, r.size());
        assertEquals(git.id("main"), ids.get(ids.size() - 1));
        assertTrue(ids.contains(git.id("fix")) && ids.contains(git.id("fix~1")), "the merged side branch is in the range");
        assertEquals(git.id("fix"), r.find(git.id("main~1")).orElseThrow().parents().get(1));
    }

    @Test
    void firstParentFollowsOnlyFirstParents() {
        mergeHistory();
        CommitRange r = CommitRange.resolve(git.repository(), new CommitSelection(Optional.of("main"), List.of(), true));
        CommitNode mergeFix = r.find(git.id("main~1")).orElseThrow();
        assertEquals(2, mergeFix.parents().size(), "the node still names both git parents");
        assertTrue(r.find(git.id("fix")).isEmpty(), "the side branch is not followed");
        for (int i = 1; i < r.size(); i++) {
            assertEquals(r.commits().get(i - 1).id(), r.commits().get(i).parents().get(0), "a first-parent chain");
        }
    }

    @Test
    void revsSelectExactlyThoseCommitsInHistoryOrder() {
        mergeHistory();
        CommitRange r = CommitRange.resolve(git.repository(),
                new CommitSelection(Optional.empty(), List.of("main", "v1", "feature~1", git.id("v1").name()), false));

        assertEquals(List.of(git.id("v1"), git.id("feature~1"), git.id("main")),
                r.commits().stream().map(CommitNode::id).toList());
        assertEquals("main v1 feature~1 " + git.id("v1").name(), r.description());
    }

    @Test
    void anUnknownRevisionIsAOneLineUsageErrorNamingTheFieldAndRevision() {
        mergeHistory();
        ExitException e = assertThrows(ExitException.class,
                () -> CommitRange.resolve(git.repository(), CommitSelection.range("v9.9..HEAD")));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("commits.range: unknown revision 'v9.9' (expected a branch, tag or commit id)", e.getMessage());

        ExitException revs = assertThrows(ExitException.class, () -> CommitRange.resolve(git.repository(),
                new CommitSelection(Optional.empty(), List.of("main", "nope~"), false)));
        assertEquals("commits.revs[1]: unknown revision 'nope~' (expected a branch, tag or commit id)", revs.getMessage());

        ExitException syntax = assertThrows(ExitException.class,
                () -> CommitRange.resolve(git.repository(), CommitSelection.range("main^^^^^^^^^^^^^^^^^")));
        assertEquals(ExitCodes.USAGE, syntax.code());
        assertTrue(syntax.getMessage().startsWith("commits.range: unknown revision 'main^^^"), syntax.getMessage());
    }

    @Test
    void anEmptyRangeIsAClearError() {
        mergeHistory();
        ExitException e = assertThrows(ExitException.class,
                () -> CommitRange.resolve(git.repository(), CommitSelection.range("main..v1")));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("commits.range: 'main..v1' selects no commits"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void rangeAndRevsTogetherOrNeitherAreUsageErrors() {
        mergeHistory();
        Repository repo = git.repository();
        assertEquals(ExitCodes.USAGE, assertThrows(ExitException.class, () -> CommitRange.resolve(repo,
                new CommitSelection(Optional.of("v1..main"), List.of("main"), false))).code());
        assertEquals(ExitCodes.USAGE, assertThrows(ExitException.class, () -> CommitRange.resolve(repo,
                new CommitSelection(Optional.of(" "), List.of(), false))).code());
    }

    @Test
    void bareRepositoriesResolveLikeWorkingTrees() {
        Path bare = dir.resolve("bare.git");
        try (GitHistory b = GitHistory.initBare(bare)) {
            b.commit("one", "a", "1").tag("v1").commit("two", "a", "2").commit("three", "b", "3");
            CommitRange r = CommitRange.resolve(b.repository(), CommitSelection.range("v1..main"));
            assertEquals(GitCli.lines(bare, "rev-list", "--reverse", "v1..main"),
                    r.commits().stream().map(c -> c.id().name()).toList());
        }
    }

    @Test
    void twoThousandCommitsWithMergesResolve() {
        git.bulk(g -> {
            g.commit("root", "a", "0");
            for (int i = 1; i < 2000; i++) {
                if (i % 100 == 50) {
                    g.branch("side" + i).checkout("side" + i);
                } else if (i % 100 == 60) {
                    g.checkout("main").merge("side" + (i - 10), "merge " + i);
                } else {
                    g.commit("c" + i, "f" + (i % 7), String.valueOf(i));
                }
            }
        });
        List<String> ours = resolved("main", false);
        assertEquals(revList("main"), ours);
    }
}
