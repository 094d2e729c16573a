package dev.authbisect.workspace;

import static dev.authbisect.workspace.RawTrees.dir;
import static dev.authbisect.workspace.RawTrees.file;
import static dev.authbisect.workspace.RawTrees.gitlink;
import static dev.authbisect.workspace.RawTrees.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ModuleSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees a hostile repository can hold (git fsck flags them; clone and fetch accept them),
 * written by hand: materialization refuses them and never writes outside its folder.
 */
class MaterializerHostileTreesTest {
    private static final ModuleSpec MODULE = new ModuleSpec(List.of("backend/app/"), null);

    @TempDir
    Path tmp;
    Path outside;
    Path out;

    @BeforeEach
    void folders() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        out = tmp.resolve("out");
    }

    private RefusedTree refused(RawTrees.Entry... root) throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = RawTrees.commit(git.repo(), root);
            return assertThrows(RefusedTree.class, () -> Materializer.materialize(git.repo(), c, MODULE, out));
        }
    }

    private void assertNothingOutside() throws Exception {
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList(), "materialization wrote outside its folder");
        }
    }

    @Test
    void aSymlinkAndATreeOfTheSameNameNeverWriteThroughTheLink() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app",
                file("client.py", "x = 1\n"),
                link("evil", outside.toString()),
                dir("evil", file("pwned.txt", "written through the link\n")))));

        assertEquals("tree entry backend/app/evil: duplicate entry name (another entry of the same tree has it; "
                + "git fsck: duplicateEntries)", e.reason());
        assertNothingOutside();
    }

    @Test
    void aTreeThenASymlinkOfTheSameNameIsRefusedToo() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app",
                dir("evil", file("a.py", "a\n")),
                link("evil", outside.toString()))));

        assertTrue(e.reason().startsWith("tree entry backend/app/evil: duplicate entry name"), e.reason());
        assertNothingOutside();
    }

    @Test
    void duplicateFileNamesAreRefused() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app", file("client.py", "one\n"), file("client.py", "two\n"))));

        assertTrue(e.reason().startsWith("tree entry backend/app/client.py: duplicate entry name"), e.reason());
    }

    @Test
    void anAbsoluteSymlinkIsRefusedWithTheEntryNamed() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app", file("client.py", "x\n"), link("evil", outside.toString()))));

        assertEquals("tree entry backend/app/evil: symlink to a path outside the module", e.reason());
        assertFalse(Files.exists(out.resolve("backend/app/evil"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSymlinkClimbingOutWithDotDotIsRefused() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app", link("evil", "../../../outside"))));

        assertEquals("tree entry backend/app/evil: symlink to a path outside the module", e.reason());
    }

    @Test
    void aSymlinkThatEscapesOnlyThroughAnotherLinkIsRefused() throws Exception {
        // read as text, d/e/up/../../../x stays inside; the kernel follows up → backend/app first and lands outside
        RefusedTree e = refused(dir("backend", dir("app",
                dir("d", dir("e", link("up", "../.."))),
                link("sneaky", "d/e/up/../../../../outside"))));

        assertEquals("tree entry backend/app/sneaky: symlink to a path outside the module", e.reason());
    }

    @Test
    void symlinksThatStayInsideAreKept() throws Exception {
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = RawTrees.commit(git.repo(), dir("backend", dir("app",
                    file("lib.py", "x = 1\n"),
                    link("current.py", "lib.py"),
                    link("top", ".."),
                    dir("sub", link("up.py", "../lib.py")))));

            Materialization m = Materializer.materialize(git.repo(), c, MODULE, out);

            assertEquals(3, m.symlinks());
            assertEquals("x = 1\n", Files.readString(out.resolve("backend/app/sub/up.py")));
        }
    }

    @Test
    void dotDotAndDotGitNamesAreRefused() throws Exception {
        assertEquals("tree entry backend/app/..: the name '..' (git refuses it on checkout)",
                refused(dir("backend", dir("app", dir("..", file("pwned.txt", "x\n"))))).reason());
        assertEquals("tree entry backend/app/.GIT: the name '.GIT' (git refuses it on checkout)",
                refused(dir("backend", dir("app", dir(".GIT", file("config", "[core]\n"))))).reason());
        assertEquals("tree entry backend/app/a/b: a name holding '/'",
                refused(dir("backend", dir("app", file("a/b", "x\n")))).reason());
        assertNothingOutside();
    }

    @Test
    void aGitlinkIsSkippedButCannotHideADuplicate() throws Exception {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        try (GitFixture git = GitFixture.create(tmp.resolve("ok.git"))) {
            ObjectId c = RawTrees.commit(git.repo(), dir("backend", dir("app", file("a.py", "a\n"), gitlink("vendor", commit))));
            Materialization m = Materializer.materialize(git.repo(), c, MODULE, tmp.resolve("ok"));
            assertEquals(1, m.skipped());
            assertFalse(Files.exists(tmp.resolve("ok/backend/app/vendor"), LinkOption.NOFOLLOW_LINKS));
        }
        RefusedTree e = refused(dir("backend", dir("app", gitlink("vendor", commit), dir("vendor", file("x.py", "x\n")))));
        assertTrue(e.reason().startsWith("tree entry backend/app/vendor: duplicate entry name"), e.reason());
    }

    @Test
    void hostileNamesAreShownWithoutTerminalEscapes() throws Exception {
        RefusedTree e = refused(dir("backend", dir("app", link("\u001b[31mred", "/etc"))));

        assertEquals("tree entry backend/app/?[31mred: symlink to a path outside the module", e.reason());
    }

    @Test
    void linkResolutionFollowsTheKernelsRules() {
        Map<String, String> links = Map.of("a/up", "..", "a/loop", "loop");
        assertFalse(Materializer.escapes("a/x", "up/b", links));
        assertTrue(Materializer.escapes("a/x", "up/..", links));
        assertFalse(Materializer.escapes("a/x", "loop/../../..", links), "a link loop fails to resolve (ELOOP)");
        assertTrue(Materializer.escapes("x", "/", Map.of()));
        assertFalse(Materializer.escapes("a/b/x", "../..", Map.of()));
        assertTrue(Materializer.escapes("a/b/x", "../../..", Map.of()));
    }
}
