package dev.authbisect.testkit;

import static dev.authbisect.testkit.GitHistory.delete;
import static dev.authbisect.testkit.GitHistory.executable;
import static dev.authbisect.testkit.GitHistory.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryTest {
    @TempDir
    Path dir;

    @Test
    void commitsAreRealGitCommitsWithDeterministicTimesAndAuthors() {
        try (GitHistory git = GitHistory.init(dir)) {
            ObjectId first = git.author("Ada").commit("add client", "app/client.py", "v1").head();
            ObjectId second = git.tick(3600).author("Bob").commit("change client", "app/client.py", "v2").head();

            assertEquals(List.of(second.name() + " " + first.name(), first.name()),
                    GitCli.lines(dir, "rev-list", "--parents", "main"));
            assertEquals(List.of("Bob|bob@example.com|2025-01-01T01:01:00+00:00|change client",
                            "Ada|ada@example.com|2025-01-01T00:00:00+00:00|add client"),
                    GitCli.lines(dir, "log", "--format=%an|%ae|%cI|%s"));
            assertEquals("", GitCli.run(dir, "status", "--porcelain"));
            assertEquals("v2", readString(dir.resolve("app/client.py")));
        }
    }

    @Test
    void deletesAndExecutableFilesReachTreeAndWorkingTree() throws Exception {
        try (GitHistory git = GitHistory.init(dir)) {
            git.commit("add", file("a/one.txt", "1"), file("a/two.txt", "2"), executable("run.sh", "#!/bin/sh\n"))
                    .commit("remove a", delete("a/"));

            assertEquals(List.of("100755 blob " + GitCli.run(dir, "hash-object", "run.sh").strip() + "\trun.sh"),
                    GitCli.lines(dir, "ls-tree", "-r", "HEAD"));
            assertTrue(Files.isExecutable(dir.resolve("run.sh")));
            assertFalse(Files.exists(dir.resolve("a")));
            assertEquals("", GitCli.run(dir, "status", "--porcelain"));
        }
    }

    @Test
    void mergeCreatesACommitWithBothParentsAndBothSidesChanges() {
        try (GitHistory git = GitHistory.init(dir)) {
            git.commit("base", "a.txt", "a", "b.txt", "b")
                    .branch("feature").checkout("feature").commit("feature", "b.txt", "b2");
            ObjectId feature = git.head();
            ObjectId main = git.checkout("main").commit("main", "a.txt", "a2").head();
            ObjectId merge = git.merge("feature", "Merge feature").tag("v1").head();

            assertEquals(List.of(merge.name() + " " + main.name() + " " + feature.name()),
                    GitCli.lines(dir, "rev-list", "--parents", "-n", "1", "v1"));
            assertEquals("a2", GitCli.run(dir, "show", "HEAD:a.txt"));
            assertEquals("b2", GitCli.run(dir, "show", "HEAD:b.txt"));
            assertEquals("", GitCli.run(dir, "status", "--porcelain"));
        }
    }

    @Test
    void conflictingMergeNeedsAResolution() {
        try (GitHistory git = GitHistory.init(dir)) {
            git.commit("base", "a.txt", "a").branch("other").commit("ours", "a.txt", "ours")
                    .checkout("other").commit("theirs", "a.txt", "theirs").checkout("main");

            assertThrows(IllegalStateException.class, () -> git.merge("other", "Merge"));
            git.merge("other", "Merge", file("a.txt", "both"));
            assertEquals("both", GitCli.run(dir, "show", "HEAD:a.txt"));
        }
    }

    @Test
    void bareRepositoriesHoldObjectsAndRefsOnly() {
        try (GitHistory git = GitHistory.initBare(dir)) {
            git.commit("one", "x", "1").annotatedTag("v1", "release 1").commit("two", "x", "2");

            assertEquals("true\n", GitCli.run(dir, "rev-parse", "--is-bare-repository"));
            assertEquals(git.id("v1").name() + "\n", GitCli.run(dir, "rev-parse", "v1^{commit}"));
            assertEquals("2", GitCli.run(dir, "show", "main:x"));
        }
    }

    @Test
    void detachedCheckoutCommitsMoveHeadOnly() {
        try (GitHistory git = GitHistory.init(dir)) {
            ObjectId one = git.commit("one", "x", "1").commit("two", "x", "2").checkout("main~1").head();
            ObjectId side = git.commit("side", "y", "1").head();

            assertTrue(git.currentBranch().isEmpty());
            assertEquals(List.of(side.name() + " " + one.name()), GitCli.lines(dir, "rev-list", "--parents", "-n", "1", "HEAD"));
            assertEquals("", GitCli.run(dir, "status", "--porcelain"));
        }
    }

    @Test
    void twoThousandCommitsAreQuickToBuildInBulk() {
        try (GitHistory git = GitHistory.initBare(dir)) {
            git.bulk(g -> {
                for (int i = 0; i < 2000; i++) {
                    g.commit("c" + i, "src/f" + (i % 50) + ".txt", "content " + i);
                }
            });
            assertEquals("2000\n", GitCli.run(dir, "rev-list", "--count", "main"));
            assertEquals("content 1999", GitCli.run(dir, "show", "main:src/f49.txt"));
        }
    }

    @Test
    void bulkWritesBranchesTagsMergesHeadAndWorkingTreeAtTheEnd() {
        try (GitHistory git = GitHistory.init(dir)) {
            git.commit("before", "a.txt", "0");
            git.bulk(g -> g.commit("base", "a.txt", "a").tag("v1").branch("feature").checkout("feature")
                    .commit("feature", "b.txt", "b").annotatedTag("v2", "two")
                    .checkout("main").commit("main", "a.txt", "a2")
                    .merge("feature", "Merge feature").checkout("v1"));

            assertTrue(git.currentBranch().isEmpty());
            assertEquals(git.id("v1"), git.head());
            assertEquals(git.id("v1").name() + "\n", GitCli.run(dir, "rev-parse", "HEAD"));
            assertEquals(List.of("5"), GitCli.lines(dir, "rev-list", "--count", "main"));
            assertEquals(git.id("feature").name() + "\n", GitCli.run(dir, "rev-parse", "v2^{commit}"));
            assertEquals("", GitCli.run(dir, "status", "--porcelain"));
            assertEquals("a", readString(dir.resolve("a.txt")));
            assertFalse(Files.exists(dir.resolve("b.txt")));
            assertThrows(IllegalStateException.class, () -> git.bulk(g -> g.id("main~1")));
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
