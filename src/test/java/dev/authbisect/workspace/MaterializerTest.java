package dev.authbisect.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ModuleSpec;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterializerTest {
    @TempDir
    Path tmp;

    private static List<String> filesUnder(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void onlyTheModulePathsAreWrittenWithTheRepositoryLayout() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree()
                    .file("backend/app/client.py", "class Client: pass\n")
                    .file("backend/app/auth/sign.py", "def sign(): pass\n")
                    .file("backend/application.py", "not in the module\n")
                    .file("frontend/index.html", "<html>\n")
                    .file("setup.py", "setup()\n")
                    .commit();
            Path dir = tmp.resolve("out");

            Materialization m = Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("backend/app/", "setup.py"), null), dir);

            assertEquals(List.of("backend/app/auth/sign.py", "backend/app/client.py", "setup.py"), filesUnder(dir));
            assertEquals("class Client: pass\n", Files.readString(dir.resolve("backend/app/client.py")));
            assertEquals(new Materialization(3, 0, 19 + 17 + 8, 0), m);
        }
    }

    @Test
    void excludeGlobsLeaveOutTestsAndMarkdownAtAnyDepth() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree()
                    .file("backend/app/client.py", "x\n")
                    .file("backend/app/README.md", "# readme\n")
                    .file("backend/app/docs/deep/notes.md", "notes\n")
                    .file("backend/app/tests/test_client.py", "def test(): pass\n")
                    .file("backend/app/auth/tests/fixtures/key.txt", "k\n")
                    .file("backend/app/contests.py", "not a tests folder\n")
                    .commit();
            Path dir = tmp.resolve("out");

            Materialization m = Materializer.materialize(git.repo(), c,
                    new ModuleSpec(List.of("backend/app/"), List.of("**/tests/**", "**/*.md")), dir);

            assertEquals(List.of("backend/app/client.py", "backend/app/contests.py"), filesUnder(dir));
            assertEquals(4, m.skipped());
        }
    }

    @Test
    void executableBitsAndSymlinksSurviveAndGitlinksAreSkipped() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree()
                    .file("app/lib.py", "x = 1\n")
                    .executable("app/run.sh", "#!/bin/sh\necho ran\n")
                    .symlink("app/current.py", "lib.py")
                    .gitlink("app/vendor/sdk", ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"))
                    .commit();
            Path dir = tmp.resolve("out");

            Materialization m = Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("app"), null), dir);

            assertTrue(Files.isExecutable(dir.resolve("app/run.sh")));
            assertFalse(Files.isExecutable(dir.resolve("app/lib.py")));
            assertTrue(Files.isSymbolicLink(dir.resolve("app/current.py")));
            assertEquals(Path.of("lib.py"), Files.readSymbolicLink(dir.resolve("app/current.py")));
            assertEquals("x = 1\n", Files.readString(dir.resolve("app/current.py")));
            assertFalse(Files.exists(dir.resolve("app/vendor"), LinkOption.NOFOLLOW_LINKS));
            assertEquals(new Materialization(2, 1, 6 + 19, 1), m);
        }
    }

    @Test
    void eachCommitGivesItsOwnContentAndAbsentPathsGiveNothing() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId first = git.tree().file("README", "no module yet\n").commit();
            ObjectId second = git.tree().file("backend/app/client.py", "v2\n").commit();

            Materializer.materialize(git.repo(), first, new ModuleSpec(List.of("backend/app/"), null), tmp.resolve("a"));
            Materializer.materialize(git.repo(), second, new ModuleSpec(List.of("backend/app/"), null), tmp.resolve("b"));

            assertEquals(List.of(), filesUnder(tmp.resolve("a")));
            assertEquals("v2\n", Files.readString(tmp.resolve("b/backend/app/client.py")));
        }
    }

    @Test
    void repeatedOrWholeRepositoryModulePathsAreUnderstood() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree().file("app/a.py", "a\n").file("top.py", "t\n").commit();

            Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("app/", "/app", "./app", "app"), null), tmp.resolve("dup"));
            Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("./"), null), tmp.resolve("all"));

            assertEquals(List.of("app/a.py"), filesUnder(tmp.resolve("dup")));
            assertEquals(List.of("app/a.py", "top.py"), filesUnder(tmp.resolve("all")));
        }
    }

    @Test
    void aNonEmptyTargetFolderIsRefused() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree().file("app/a.py", "a\n").commit();
            Path dir = Files.createDirectories(tmp.resolve("out"));
            Files.writeString(dir.resolve("stale.py"), "old");

            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("app"), null), dir));

            assertTrue(e.getCause().getMessage().startsWith("folder is not empty: "), e.getCause().getMessage());
        }
    }

    @Test
    void hundredsOfFilesAreWrittenFast() throws Exception {
        try (GitFixture git = GitFixture.inMemory()) {
            GitFixture.Tree tree = git.tree();
            for (int i = 0; i < 800; i++) {
                tree.file("backend/app/pkg" + (i % 20) + "/mod" + i + ".py", "VALUE = " + i + "\n" + "#".repeat(2000) + "\n");
            }
            ObjectId c = tree.commit();
            Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("backend/app/"), null), tmp.resolve("warm"));

            long start = System.nanoTime();
            Materialization m = Materializer.materialize(git.repo(), c, new ModuleSpec(List.of("backend/app/"), null), tmp.resolve("out"));
            long ms = (System.nanoTime() - start) / 1_000_000;

            assertEquals(800, m.files());
            assertEquals("VALUE = 799", Files.readAllLines(tmp.resolve("out/backend/app/pkg19/mod799.py")).get(0));
            assertTrue(ms < 10_000, "800 files took " + ms + " ms");
            System.err.println("materialized 800 files (" + m.bytes() / 1024 + " KiB) in " + ms + " ms");
        }
    }
}
