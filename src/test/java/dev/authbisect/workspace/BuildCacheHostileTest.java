package dev.authbisect.workspace;

import static dev.authbisect.workspace.RawTrees.dir;
import static dev.authbisect.workspace.RawTrees.file;
import static dev.authbisect.workspace.RawTrees.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.BuildSpec;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile trees and hostile builds: the version is refused, and the cache's own files are never written or read through a link. */
class BuildCacheHostileTest {
    private static final ModuleSpec MODULE = new ModuleSpec(List.of("backend/app/"), null);
    private static final Redactor REDACTOR = Redactor.create(new byte[] {1});

    @TempDir
    Path tmp;

    @Test
    void aTreeThatWouldLeaveItsFolderIsRefusedNotBuiltAndCachedAsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path marker = tmp.resolve("built.txt");
        Optional<BuildSpec> build = Optional.of(new BuildSpec(List.of("sh", "-c", "echo built > '" + marker + "'"), Duration.ofSeconds(20)));
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = RawTrees.commit(git.repo(), dir("backend", dir("app",
                    file("client.py", "x\n"), link("evil", outside.toString()), dir("evil", file("pwned.txt", "x\n")))));
            BuildCache cache = new BuildCache(tmp.resolve("cache"));

            PreparedModule pm = cache.prepare(git.repo(), c, "mv-evil", MODULE, build, REDACTOR);
            PreparedModule again = cache.prepare(git.repo(), c, "mv-evil", MODULE, build, REDACTOR);

            assertEquals(BuildOutcome.Status.REFUSED, pm.outcome().status());
            assertFalse(pm.outcome().usable());
            assertTrue(pm.outcome().detail().startsWith("tree entry backend/app/evil: duplicate entry name"), pm.outcome().detail());
            assertFalse(Files.exists(marker), "a refused version is never built");
            try (Stream<Path> s = Files.list(pm.dir())) {
                assertEquals(0, s.count(), "nothing of a refused version is left to run");
            }
            try (Stream<Path> s = Files.list(outside)) {
                assertEquals(0, s.count());
            }
            assertTrue(again.outcome().cached());
            assertEquals(BuildOutcome.Status.REFUSED, again.outcome().status());
        }
    }

    @Test
    void aBuildThatPlantsLinksAtTheCachesOwnFilesCannotRedirectTheirWrites() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious\n");
        // the build runs in <entry>/module: it replaces <entry>/build.log and build.json with links to the victim
        String script = "ln -s '" + victim + "' ../build.log; ln -s '" + victim + "' ../build.json; echo done";
        Optional<BuildSpec> build = Optional.of(new BuildSpec(List.of("sh", "-c", script), Duration.ofSeconds(20)));
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree().file("backend/app/client.py", "x\n").commit();
            BuildCache cache = new BuildCache(tmp.resolve("cache"));

            PreparedModule pm = cache.prepare(git.repo(), c, "mv-1", MODULE, build, REDACTOR);

            assertEquals(BuildOutcome.Status.OK, pm.outcome().status());
            assertEquals("precious\n", Files.readString(victim), "the cache wrote through a link the build planted");
            assertFalse(Files.isSymbolicLink(pm.outcome().log()));
            assertTrue(Files.readString(pm.outcome().log()).contains("done"));
        }
    }

    @Test
    void aBuildThatReplacesItsModuleFolderWithALinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        String script = "cd .. && rm -rf module && ln -s '" + elsewhere + "' module";
        Optional<BuildSpec> build = Optional.of(new BuildSpec(List.of("sh", "-c", script), Duration.ofSeconds(20)));
        try (GitFixture git = GitFixture.create(tmp.resolve("repo.git"))) {
            ObjectId c = git.tree().file("backend/app/client.py", "x\n").commit();

            PreparedModule pm = new BuildCache(tmp.resolve("cache")).prepare(git.repo(), c, "mv-1", MODULE, build, REDACTOR);

            assertEquals(BuildOutcome.Status.REFUSED, pm.outcome().status());
            assertEquals("build output module: the module folder was replaced by a symlink or a file", pm.outcome().detail());
            assertTrue(SafeFiles.isRealFolder(pm.dir()));
        }
    }

    @Test
    void safeReadsRefuseLinksAndSpecialFiles() throws Exception {
        Path secret = Files.writeString(tmp.resolve("id_rsa"), "PRIVATE KEY\n");
        Path log = Files.createSymbolicLink(tmp.resolve("build.log"), secret);

        assertTrue(SafeFiles.readRegular(log, 1024).isEmpty());
        assertTrue(SafeFiles.readRegular(Path.of("/dev/zero"), 1024).isEmpty());
        assertEquals("PRIVATE KEY\n", new String(SafeFiles.readRegular(secret, 1024).orElseThrow()));
    }
}
