package dev.authbisect.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineSourceTest {
    @TempDir
    Path dir;

    private static RunResult result(String mv) {
        return Results.standard(mv, "c1").all(mv.substring(0, 8), Outcome.OK, 0).build();
    }

    @Test
    void aFileBaselineThatDoesNotExistYetIsEmptyAndIsWrittenWhole() throws Exception {
        BaselineSource src = BaselineSource.parse("nightly/baseline.json", dir);
        assertTrue(src.read().isEmpty());
        String where = src.write(result("1a2b3c4d5e"), "first night");
        assertEquals(dir.resolve("nightly/baseline.json").toString(), where);
        RunResult back = src.read().orElseThrow();
        assertEquals("1a2b3c4d5e", back.rows().get(1).moduleVersion());
        try (var files = Files.list(dir.resolve("nightly"))) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aBaselineThatIsNotAResultIsOneLineUsageError() throws Exception {
        Files.writeString(dir.resolve("b.json"), "{\"schema\": \"authbisect.result/9\", \"target\": {}}");
        ExitException e = assertThrows(ExitException.class, () -> BaselineSource.parse("b.json", dir).read());
        assertEquals(2, e.code());
        assertTrue(e.getMessage().contains("schema 'authbisect.result/9'"), e.getMessage());
        Files.createDirectories(dir.resolve("folder.json"));
        assertTrue(assertThrows(ExitException.class, () -> BaselineSource.parse("folder.json", dir).read()).getMessage()
                .contains("is a folder"));
    }

    @Test
    void aGitBaselineIsReadFromARefAndWrittenAsACommitOnABranchWithoutTouchingTheWorkTree() throws Exception {
        Path repoDir = dir.resolve("ci");
        try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repoDir.resolve("README.md"), "project\n");
            git.add().addFilepattern("README.md").call();
            git.commit().setMessage("init").setAuthor("t", "t@t").setCommitter("t", "t@t").call();
        }
        Path sub = Files.createDirectories(repoDir.resolve("harness-config"));
        BaselineSource src = BaselineSource.parse("git:authbisect-baseline:drift/baseline.json", sub);
        assertTrue(src.read().isEmpty(), "no branch yet");
        String where = src.write(result("1a2b3c4d5e"), "night 1");
        assertTrue(where.startsWith("drift/baseline.json on branch authbisect-baseline (commit "), where);
        assertEquals("1a2b3c4d5e", src.read().orElseThrow().rows().get(1).moduleVersion());
        src.write(result("9f8e7d6c5b"), "night 2");
        assertEquals("9f8e7d6c5b", src.read().orElseThrow().rows().get(1).moduleVersion());
        try (Repository repo = Git.open(repoDir.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(repo.resolve("authbisect-baseline"));
            assertEquals(1, tip.getParentCount(), "the second baseline is a child of the first");
            assertTrue(tip.getFullMessage().contains("night 2"));
            assertEquals("refs/heads/main", repo.exactRef(Constants.HEAD).getTarget().getName(), "HEAD stays on main");
            try (TreeWalk tw = TreeWalk.forPath(repo, "drift/baseline.json", tip.getTree())) {
                String json = new String(repo.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                assertTrue(json.contains("9f8e7d6c5b"));
            }
        }
        assertFalse(Files.exists(repoDir.resolve("drift")), "the work tree is not touched");
        assertEquals("9f8e7d6c5b", BaselineSource.parse("git:refs/heads/authbisect-baseline:drift/baseline.json", repoDir)
                .read().orElseThrow().rows().get(1).moduleVersion());
    }

    @Test
    void aGitBaselineIsNeverWrittenOntoTheCheckedOutBranchOrATagAndBadSpecsAreUsageErrors() throws Exception {
        Path repoDir = dir.resolve("ci");
        ObjectId first;
        try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
            first = git.commit().setMessage("init").setAuthor("t", "t@t").setCommitter("t", "t@t").call();
            git.tag().setName("v1").setObjectId(git.getRepository().parseCommit(first)).call();
        }
        ExitException checkedOut = assertThrows(ExitException.class,
                () -> BaselineSource.parse("git:main:baseline.json", repoDir).write(result("1a2b3c4d5e"), "x"));
        assertTrue(checkedOut.getMessage().contains("'main' is the checked-out branch"), checkedOut.getMessage());
        ExitException tag = assertThrows(ExitException.class,
                () -> BaselineSource.parse("git:v1:baseline.json", repoDir).write(result("1a2b3c4d5e"), "x"));
        assertTrue(tag.getMessage().contains("'v1' is not a local branch name"), tag.getMessage());
        assertTrue(BaselineSource.parse("git:v1:baseline.json", repoDir).read().isEmpty(), "a ref without the file: no baseline");
        for (String bad : new String[] {"git:", "git:main", "git::x.json", "git:main:dir/"}) {
            ExitException e = assertThrows(ExitException.class, () -> BaselineSource.parse(bad, repoDir));
            assertTrue(e.getMessage().contains("expected git:REF:PATH"), e.getMessage());
        }
        Path outside = Files.createDirectories(dir.resolve("not-a-repo"));
        ExitException none = assertThrows(ExitException.class, () -> BaselineSource.parse("git:b:x.json", outside).read());
        assertTrue(none.getMessage().contains("is not inside a git repository") || none.getMessage().contains("cannot"), none.getMessage());
    }
}
