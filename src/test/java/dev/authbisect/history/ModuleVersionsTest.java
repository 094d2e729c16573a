package dev.authbisect.history;

import static dev.authbisect.testkit.GitHistory.delete;
import static dev.authbisect.testkit.GitHistory.executable;
import static dev.authbisect.testkit.GitHistory.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleVersionsTest {
    static final ModuleSpec APP = new ModuleSpec(List.of("backend/app/"), List.of());
    static final ModuleSpec APP_WITHOUT_TESTS_AND_DOCS =
            new ModuleSpec(List.of("backend/app/"), List.of("**/tests/**", "**/*.md"));

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

    private ModuleVersionIndex index(ModuleSpec spec) {
        CommitRange range = CommitRange.resolve(git.repository(), CommitSelection.range("HEAD"));
        return ModuleVersions.compute(git.repository(), range.commits(), spec);
    }

    private String versionAt(ModuleVersionIndex index, String rev) {
        return index.moduleVersionOf(git.id(rev)).id();
    }

    @Test
    void aCommitThatDoesNotTouchTheModuleKeepsItsModuleVersion() {
        git.commit("client", "backend/app/client.py", "v1", "README.md", "hi")
                .commit("docs", "README.md", "more")
                .commit("ci", "ci/run", "x")
                .commit("client v2", "backend/app/client.py", "v2");
        ModuleVersionIndex index = index(APP);

        assertEquals(2, index.size());
        assertEquals(4, index.commitCount());
        ModuleVersion first = index.versions().get(0);
        assertEquals(1, first.ordinal());
        assertEquals(List.of("client", "docs", "ci"), first.commits().stream().map(CommitNode::subject).toList());
        assertEquals(git.id("HEAD~3"), first.representative());
        assertEquals(2, index.versions().get(1).ordinal());
        assertEquals(List.of("client v2"), index.versions().get(1).commits().stream().map(CommitNode::subject).toList());
        assertEquals(index.moduleVersionOf(git.id("HEAD")), index.byId(index.versions().get(1).id()).orElseThrow());
    }

    @Test
    void excludedFilesDoNotChangeTheModuleVersion() {
        git.commit("client", "backend/app/client.py", "v1")
                .commit("add tests", "backend/app/tests/test_client.py", "t1")
                .commit("notes", "backend/app/NOTES.md", "n", "backend/app/sub/README.md", "r")
                .commit("deep tests", "backend/app/sub/tests/deep/test_x.py", "t2")
                .commit("real change", "backend/app/sub/signer.py", "s");

        ModuleVersionIndex filtered = index(APP_WITHOUT_TESTS_AND_DOCS);
        assertEquals(2, filtered.size());
        assertEquals(4, filtered.versions().get(0).commits().size());

        ModuleVersionIndex unfiltered = index(APP);
        assertEquals(5, unfiltered.size(), "without exclude every commit above changes the module");
    }

    @Test
    void aModuleWhoseFilesAreAllExcludedIsTheSameAsAnAbsentOne() {
        git.commit("other", "x", "1").commit("only tests", "backend/app/tests/t.py", "t");
        ModuleVersionIndex index = index(APP_WITHOUT_TESTS_AND_DOCS);
        assertEquals(1, index.size());
    }

    @Test
    void aRevertBringsBackTheEarlierModuleVersion() {
        git.commit("v1", "backend/app/client.py", "v1")
                .commit("v2", "backend/app/client.py", "v2")
                .commit("revert", "backend/app/client.py", "v1");
        ModuleVersionIndex index = index(APP);

        assertEquals(2, index.size());
        assertEquals(versionAt(index, "HEAD~2"), versionAt(index, "HEAD"));
        assertEquals(List.of("v1", "revert"), index.versions().get(0).commits().stream().map(CommitNode::subject).toList());
    }

    @Test
    void fileAndDirectoryPathsBothCount() {
        git.commit("init", "setup.py", "s1", "backend/app/a.py", "a1", "backend/other.py", "o1")
                .commit("setup", "setup.py", "s2")
                .commit("other", "backend/other.py", "o2")
                .commit("app", "backend/app/a.py", "a2");
        ModuleVersionIndex index = index(new ModuleSpec(List.of("backend/app/", "setup.py"), List.of()));

        assertEquals(List.of(List.of("init"), List.of("setup", "other"), List.of("app")),
                index.versions().stream().map(v -> v.commits().stream().map(CommitNode::subject).toList()).toList());
    }

    @Test
    void aPathWithoutTrailingSlashMayBeADirectory() {
        git.commit("init", "backend/app/a.py", "1").commit("change", "backend/app/a.py", "2");
        ModuleVersionIndex index = index(new ModuleSpec(List.of("backend/app"), List.of()));
        assertEquals(2, index.size());
    }

    @Test
    void aPathThatAppearsLaterStartsAbsent() {
        git.commit("one", "x", "1").commit("two", "x", "2")
                .commit("add module", "backend/app/a.py", "1")
                .commit("three", "x", "3")
                .commit("remove module", delete("backend/app/"));
        ModuleVersionIndex index = index(APP);

        assertEquals(2, index.size());
        assertEquals(List.of("one", "two", "remove module"),
                index.versions().get(0).commits().stream().map(CommitNode::subject).toList());
        assertEquals(ModuleVersions.files(git.repository(), git.id("HEAD"), APP), List.of());
    }

    @Test
    void anExecutableBitChangesTheModuleVersion() {
        git.commit("script", "backend/app/run.sh", "#!/bin/sh")
                .commit("chmod", executable("backend/app/run.sh", "#!/bin/sh"));
        assertEquals(2, index(APP).size());
        assertTrue(ModuleVersions.files(git.repository(), git.id("HEAD"), APP).get(0).isExecutable());
    }

    @Test
    void theIdIsTheSameForOneCommitAndForAWholeRange() {
        git.commit("one", "backend/app/a.py", "1").commit("two", "backend/app/tests/t.py", "2");
        ModuleVersionIndex index = index(APP_WITHOUT_TESTS_AND_DOCS);
        String id = ModuleVersions.versionOf(git.repository(), git.id("HEAD"), APP_WITHOUT_TESTS_AND_DOCS);
        assertEquals(versionAt(index, "HEAD"), id);
        assertEquals(16, id.length());
        assertNotEquals(id, ModuleVersions.versionOf(git.repository(), git.id("HEAD"), APP));
    }

    @Test
    void moduleVersionsWorkOnWorkingTreeRepositoriesToo() {
        Path work = dir.resolveSibling(dir.getFileName() + "-work");
        try (GitHistory w = GitHistory.init(work)) {
            w.commit("one", "backend/app/a.py", "1").commit("two", "other", "2");
            CommitRange range = CommitRange.resolve(w.repository(), CommitSelection.range("HEAD"));
            assertEquals(1, ModuleVersions.compute(w.repository(), range.commits(), APP).size());
        }
    }

    @Test
    void filesListsTheModuleWithoutExcludedFiles() {
        git.commit("init", file("backend/app/a.py", "a"), executable("backend/app/bin/run", "r"),
                file("backend/app/tests/t.py", "t"), file("backend/app/README.md", "d"), file("setup.py", "s"),
                file("backend/other.py", "o"));
        List<ModuleFile> files = ModuleVersions.files(git.repository(), git.id("HEAD"),
                new ModuleSpec(List.of("backend/app/", "setup.py", "missing.txt"), List.of("**/tests/**", "**/*.md")));

        assertEquals(List.of("backend/app/a.py", "backend/app/bin/run", "setup.py"),
                files.stream().map(ModuleFile::path).toList());
        assertEquals(ObjectId.fromString(GitCli.run(dir, "rev-parse", "HEAD:setup.py").strip()), files.get(2).id());
        assertTrue(files.get(1).isExecutable());
    }

    @Test
    void changedPathsAreTheModuleFilesAChangedRelativeToItsFirstParent() {
        git.commit("init", "backend/app/a.py", "1", "backend/app/b.py", "1", "x", "1")
                .commit("change", file("backend/app/a.py", "2"), delete("backend/app/b.py"), file("x", "2"),
                        file("backend/app/tests/t.py", "t"), file("backend/app/c.py", "c"))
                .branch("side").checkout("side").commit("side", "backend/app/s.py", "s")
                .checkout("main").commit("main", "y", "1").merge("side", "merge");
        ModuleSpec spec = APP_WITHOUT_TESTS_AND_DOCS;
        CommitRange range = CommitRange.resolve(git.repository(), CommitSelection.range("main"));

        assertEquals(List.of("backend/app/a.py", "backend/app/b.py"),
                ModuleVersions.changedPaths(git.repository(), range.find(git.id("main~2")).orElseThrow(), spec)
                        .subList(0, 2));
        assertEquals(List.of("backend/app/a.py", "backend/app/b.py", "backend/app/c.py"),
                ModuleVersions.changedPaths(git.repository(), range.find(git.id("main~2")).orElseThrow(), spec));
        assertEquals(List.of("backend/app/a.py", "backend/app/b.py"),
                ModuleVersions.changedPaths(git.repository(), range.commits().get(0), spec), "a root commit adds all");
        assertEquals(List.of(), ModuleVersions.changedPaths(git.repository(), range.find(git.id("main~1")).orElseThrow(), spec));
        assertEquals(List.of("backend/app/s.py"),
                ModuleVersions.changedPaths(git.repository(), range.find(git.id("main")).orElseThrow(), spec),
                "a merge compared with its first parent");
    }

    @Test
    void badModulePathsAndGlobsAreUsageErrors() {
        git.commit("one", "a", "1");
        ExitException up = assertThrows(ExitException.class, () -> index(new ModuleSpec(List.of("../secret/"), List.of())));
        assertEquals(ExitCodes.USAGE, up.code());
        assertEquals("target.module.paths[0]: '../secret/' is not a repository-relative path "
                + "(expected e.g. backend/app/ or src/client.py, without '..')", up.getMessage());
        assertEquals(ExitCodes.USAGE, assertThrows(ExitException.class,
                () -> index(new ModuleSpec(List.of(), List.of()))).code());
        ExitException glob = assertThrows(ExitException.class, () -> index(new ModuleSpec(List.of("a"), List.of("x/[ab"))));
        assertTrue(glob.getMessage().startsWith("target.module.exclude[0]: 'x/[ab' has an unclosed '['"), glob.getMessage());
    }

    @Test
    void aCommitOutsideTheRangeHasNoModuleVersion() {
        git.commit("one", "a", "1").commit("two", "a", "2");
        ModuleVersionIndex index = ModuleVersions.compute(git.repository(),
                CommitRange.resolve(git.repository(), CommitSelection.range("HEAD~1..HEAD")).commits(), APP);
        assertTrue(index.find(git.id("HEAD~1")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> index.moduleVersionOf(git.id("HEAD~1")));
    }

    @Test
    void twoThousandCommitsComputeWithFewModuleVersions() {
        git.bulk(g -> {
            for (int i = 0; i < 2000; i++) {
                if (i % 25 == 0) {
                    g.commit("module " + i, "backend/app/m" + (i % 7) + ".py", String.valueOf(i));
                } else if (i % 25 == 7) {
                    g.commit("tests " + i, "backend/app/tests/t" + (i % 5) + ".py", String.valueOf(i));
                } else {
                    g.commit("other " + i, "web/src/f" + (i % 40) + ".js", String.valueOf(i));
                }
            }
        });
        ModuleVersionIndex index = index(APP_WITHOUT_TESTS_AND_DOCS);
        assertEquals(80, index.size());
        assertEquals(2000, index.commitCount());
        List<String> touching = GitCli.lines(dir, "log", "--format=%H", "--", "backend/app/");
        assertEquals(160, touching.size(), "git sees the test-only commits too; exclude hides them");
    }
}
