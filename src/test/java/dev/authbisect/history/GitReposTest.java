package dev.authbisect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GitReposTest {
    @TempDir
    Path tmp;

    private Path cache() {
        return tmp.resolve("cache");
    }

    @Test
    void aWorkingTreePathOpensItsRepository() throws IOException {
        Path work = tmp.resolve("work");
        ObjectId head;
        try (GitHistory git = GitHistory.init(work)) {
            head = git.commit("one", "a", "1").head();
        }
        try (Repository repo = GitRepos.open(work.toString(), cache())) {
            assertFalse(repo.isBare());
            assertEquals(head, repo.resolve("HEAD"));
        }
        try (Repository repo = GitRepos.open("work", tmp, cache())) {
            assertEquals(head, repo.resolve("main"), "relative paths resolve against the config's folder");
        }
        assertFalse(Files.exists(cache()), "local repositories are not copied");
    }

    @Test
    void aBareRepositoryPathOpensIt() throws IOException {
        Path bare = tmp.resolve("bare.git");
        ObjectId head;
        try (GitHistory git = GitHistory.initBare(bare)) {
            head = git.commit("one", "a", "1").head();
        }
        try (Repository repo = GitRepos.open(bare.toString(), cache())) {
            assertTrue(repo.isBare());
            assertEquals(head, repo.resolve("HEAD"));
        }
    }

    @Test
    void aFolderThatIsNotARepositoryIsAOneLineUsageError() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        ExitException e = assertThrows(ExitException.class, () -> GitRepos.open(plain.toString(), cache()));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("target.repo '" + plain + "': not a git repository "
                + "(expected a path to a git working tree or bare repository, or a git URL)", e.getMessage());
    }

    @Test
    void aMissingPathIsAOneLineUsageError() {
        ExitException e = assertThrows(ExitException.class, () -> GitRepos.open("../nope", tmp, cache()));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("target.repo '../nope': no such directory "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(expected a path to a git working tree or bare repository, or a git URL)"));
    }

    @ParameterizedTest
    @EnumSource(RemoteMirror.class)
    void aUrlIsClonedBareIntoTheCacheAndFetchedOnLaterOpens(RemoteMirror mirror) throws IOException {
        Path origin = tmp.resolve("origin");
        String url = origin.toUri().toString();
        assertTrue(url.startsWith("file:"));
        try (GitHistory git = GitHistory.init(origin)) {
            git.commit("one", "a", "1").tag("v1");
            try (Repository repo = GitRepos.openRemote(url, cache(), mirror)) {
                assertTrue(repo.isBare());
                assertTrue(repo.getDirectory().toPath().startsWith(cache().resolve("repos")));
                assertEquals(git.id("v1"), repo.resolve("v1^{commit}"));
                assertEquals(git.head(), repo.resolve("main"));
            }
            ObjectId newer = git.commit("two", "a", "2").tag("v2").branch("feature").head();
            try (Repository repo = GitRepos.openRemote(url, cache(), mirror)) {
                assertEquals(newer, repo.resolve("main"), "a later open fetches");
                assertEquals(newer, repo.resolve("v2^{commit}"));
                assertEquals(newer, repo.resolve("feature"));
                assertEquals(2, CommitRange.resolve(repo, CommitSelection.range("main")).size());
            }
        }
        try (var dirs = Files.list(cache().resolve("repos"))) {
            assertEquals(1, dirs.count(), "one clone per URL");
        }
    }

    @Test
    void theDefaultOpenClonesUrlsToo() throws IOException {
        Path origin = tmp.resolve("origin");
        try (GitHistory git = GitHistory.initBare(origin)) {
            ObjectId head = git.commit("one", "a", "1").head();
            try (Repository repo = GitRepos.open(origin.toUri().toString(), cache())) {
                assertEquals(head, repo.resolve("main"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RemoteMirror.class)
    void anUnreachableUrlIsAOneLineErrorWithoutThePassword(RemoteMirror mirror) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://bot:s3cret-t0ken@127.0.0.1:" + port + "/repo.git";
        ExitException e = assertThrows(ExitException.class, () -> GitRepos.openRemote(url, cache(), mirror));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("target.repo 'http://bot:***@127.0.0.1:" + port + "/repo.git': cannot clone ("),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(e.getMessage().contains("s3cret"));
        try (var dirs = Files.list(cache().resolve("repos"))) {
            assertEquals(0, dirs.count(), "a failed clone leaves nothing behind");
        }
    }

    @Test
    void urlsAreToldApartFromPaths() {
        assertTrue(dev.authbisect.config.RepoUrls.isUrl("https://github.com/acme/bot.git"));
        assertTrue(dev.authbisect.config.RepoUrls.isUrl("ssh://git@github.com/acme/bot.git"));
        assertTrue(dev.authbisect.config.RepoUrls.isUrl("file:///srv/git/bot.git"));
        assertTrue(dev.authbisect.config.RepoUrls.isUrl("git@github.com:acme/bot.git"));
        assertFalse(dev.authbisect.config.RepoUrls.isUrl("../my-bot"));
        assertFalse(dev.authbisect.config.RepoUrls.isUrl("/srv/git/bot.git"));
        assertFalse(dev.authbisect.config.RepoUrls.isUrl("repos/with:colon"));
        assertEquals("https://me:***@host/x.git", GitRepos.withoutPassword("https://me:pw@host/x.git"));
    }
}
