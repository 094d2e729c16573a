package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoHistoryTest {
    static final String MODULE = "backend/app";
    static final String CLIENT = "backend/app/services/brokers/crypto_com_trade.py";

    @TempDir
    static Path shared;
    static DemoHistory demo;

    @BeforeAll
    static void build() throws IOException {
        demo = DemoHistory.create(shared.resolve("demo-repo"));
    }

    @Test
    void buildsTheSameCommitIdsOnEveryRun(@TempDir Path other) throws IOException {
        DemoHistory again = DemoHistory.create(other.resolve("again"));
        assertEquals(demo.commitIds(), again.commitIds());
    }

    @Test
    void theHeadCommitIdIsPinnedSoAnyChangeToTheStoryIsDeliberate() {
        // Changing history.yaml or a story file changes this id: update it, and the README's commit list.
        assertEquals("ad6593725539870276ac0260c270ba1173fd6a49", demo.head());
    }

    @Test
    void hasFourteenCommitsWithOneMergeAllReachableFromHead() throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(repo.resolve(Constants.HEAD)));
            int commits = 0;
            int merges = 0;
            for (RevCommit c : walk) {
                commits++;
                merges += c.getParentCount() > 1 ? 1 : 0;
            }
            assertEquals(14, commits);
            assertEquals(1, merges);
            assertEquals(demo.head(), repo.resolve(Constants.HEAD).name());
            assertEquals(demo.commit("smokeTestCommit"), demo.head());
        }
    }

    @Test
    void theMergeJoinsTheProxyBranchIntoMain() throws IOException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            RevCommit merge = walk.parseCommit(ObjectId.fromString(demo.commit("mergeCommit")));
            assertEquals(demo.commit("orderHistoryPanelCommit"), merge.getParent(0).name());
            assertEquals(demo.commit("cleanEnvCommit"), merge.getParent(1).name());
            assertEquals(demo.commit("cleanEnvCommit"), repo.resolve("refs/heads/feature/proxy-egress").name());
            assertEquals("Merge branch 'feature/proxy-egress'", merge.getShortMessage());
            assertEquals(demo.commit("revertCommit"), walk.parseCommit(merge.getParent(1)).getParent(0).name());
        }
    }

    @Test
    void backendAppHasEightDistinctTreesButSevenModuleVersionsOnceMarkdownIsExcluded() throws IOException {
        try (Repository repo = open()) {
            Set<ObjectId> trees = new HashSet<>();
            Set<Map<String, ObjectId>> versions = new HashSet<>();
            for (String id : demo.commitIds().values()) {
                RevCommit c = Trees.commit(repo, id);
                ObjectId tree = Trees.treeAt(repo, c, MODULE);
                if (tree != null) {
                    trees.add(tree);
                    versions.add(Trees.moduleContent(repo, c, MODULE));
                }
            }
            assertEquals(8, trees.size());
            assertEquals(7, versions.size());
        }
    }

    @Test
    void equalModuleLabelsInTheStoryMeanEqualModuleContentAndBack() throws IOException {
        Map<String, Map<String, ObjectId>> byLabel = new HashMap<>();
        Map<Map<String, ObjectId>, String> byContent = new HashMap<>();
        try (Repository repo = open()) {
            for (Story.Commit commit : Story.bundled().commits()) {
                Map<String, ObjectId> content = Trees.moduleContent(repo, Trees.commit(repo, demo.commit(commit.key())), MODULE);
                Map<String, ObjectId> seen = byLabel.putIfAbsent(commit.module(), content);
                assertTrue(seen == null || seen.equals(content), commit.key() + " differs from earlier '" + commit.module() + "'");
                String label = byContent.putIfAbsent(content, commit.module());
                assertTrue(label == null || label.equals(commit.module()), commit.key() + " has the content of '" + label + "'");
            }
        }
        assertEquals(8, byLabel.size());
        assertEquals(Map.of(), byLabel.get("none"));
    }

    @Test
    void unrelatedCommitsNeverTouchBackendApp() throws IOException {
        try (Repository repo = open()) {
            for (String key : List.of("balancesPanelCommit", "deployDocsCommit", "orderHistoryPanelCommit", "smokeTestCommit")) {
                RevCommit c = Trees.commit(repo, demo.commit(key));
                assertEquals(Trees.treeAt(repo, c.getParent(0), MODULE), Trees.treeAt(repo, c, MODULE), key);
            }
            assertNull(Trees.treeAt(repo, Trees.commit(repo, demo.commit("initialCommit")), MODULE));
            assertNull(Trees.treeAt(repo, Trees.commit(repo, demo.commit("skeletonCommit")), CLIENT));
            assertNotNull(Trees.treeAt(repo, Trees.commit(repo, demo.commit("clientCommit")), CLIENT));
        }
    }

    @Test
    void commitsHaveFixedPeopleAndDecemberTimes() throws IOException {
        try (Repository repo = open()) {
            RevCommit c = Trees.commit(repo, demo.commit("floatCommit"));
            assertEquals("Mina Okafor", c.getAuthorIdent().getName());
            assertEquals("mina@tradebot.example", c.getCommitterIdent().getEmailAddress());
            assertEquals("2025-12-09T01:30:00Z", c.getAuthorIdent().getWhenAsInstant().toString());
            assertEquals("Send order-history window as float timestamps", c.getShortMessage());
        }
    }

    @Test
    void theWorkingTreeIsCheckedOutAtTheTipOfMain() throws IOException {
        try (Repository repo = open()) {
            assertEquals("main", repo.getBranch());
        }
        assertArrayEquals(Story.read("crypto_com_trade/6-clean-env-secret.py"), Files.readAllBytes(demo.dir().resolve(CLIENT)));
        try (Git git = Git.open(demo.dir().toFile())) {
            assertTrue(git.status().call().isClean());
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNonEmptyFolderIsRefusedWithAUsageError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        ExitException e = assertThrows(ExitException.class, () -> DemoHistory.create(dir));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void anUnknownCommitKeyNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> demo.commit("nope"));
        assertTrue(e.getMessage().contains("floatCommit"), e.getMessage());
    }

    private static Repository open() throws IOException {
        return Git.open(demo.dir().toFile()).getRepository();
    }
}
