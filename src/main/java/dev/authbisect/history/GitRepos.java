package dev.authbisect.history;

import dev.authbisect.core.KeyLock;
import dev.authbisect.config.RepoUrls;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Opens the target repository named by {@code target.repo}: a local working tree or bare
 * repository, or a git URL that is cloned (bare, mirroring all refs) into
 * {@code <cacheDir>/repos/<hash of the URL>} and fetched again on later opens. Remote work uses
 * the git command line when installed (your ssh keys and credential helpers apply), else JGit.
 */
public final class GitRepos {
    private static final String EXPECTED =
            "expected a path to a git working tree or bare repository, or a git URL";

    static {
        useConventionalSystemConfig();
    }

    private GitRepos() {
    }

    /**
     * JGit looks for git's system-wide config by running {@code git --version} and {@code git config
     * --system --show-origin --list} the first time a repository is opened: two processes, a tenth of
     * a second of a cold start. authbisect only reads objects and refs, which system settings do not
     * change, so point JGit at the conventional file ({@code $GIT_CONFIG_SYSTEM}, else
     * {@code /etc/gitconfig}; JGit still honours {@code GIT_CONFIG_NOSYSTEM}). Remote work goes through
     * the git command line, which reads its own.
     */
    private static void useConventionalSystemConfig() {
        String explicit = System.getenv("GIT_CONFIG_SYSTEM");
        FS.DETECTED.setGitSystemConfig(new File(explicit != null && !explicit.isBlank() ? explicit : "/etc/gitconfig"));
    }

    /** Opens {@code repo} (a path relative to the working directory, or a URL); the caller closes it. */
    public static Repository open(String repo, Path cacheDir) {
        return open(repo, Path.of("").toAbsolutePath(), cacheDir);
    }

    /**
     * Opens {@code repo}, resolving a relative path against {@code baseDir} (the config file's
     * folder); the caller closes the result.
     *
     * @throws ExitException (usage) when it is not a repository, or a URL cannot be cloned or fetched
     */
    public static Repository open(String repo, Path baseDir, Path cacheDir) {
        if (repo == null || repo.isBlank()) {
            throw ExitException.usage("target.repo: missing (" + EXPECTED + ")");
        }
        return RepoUrls.isUrl(repo) ? openRemote(repo.strip(), cacheDir) : openLocal(repo, baseDir.resolve(expandHome(repo)));
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    private static Repository openLocal(String given, Path path) {
        File dir = path.normalize().toFile();
        if (!dir.isDirectory()) {
            throw ExitException.usage("target.repo '" + given + "': no such directory " + dir + " (" + EXPECTED + ")");
        }
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            File dotGit = new File(dir, ".git");
            if (dotGit.exists()) {
                builder.setWorkTree(dir);
            } else if (RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED)) {
                builder.setGitDir(dir);
            } else {
                throw notARepository(given);
            }
            return builder.build();
        } catch (IOException | IllegalArgumentException e) {
            throw notARepository(given);
        }
    }

    private static ExitException notARepository(String given) {
        return ExitException.usage("target.repo '" + given + "': not a git repository (" + EXPECTED + ")");
    }

    private static Repository openRemote(String url, Path cacheDir) {
        return openRemote(url, cacheDir, RemoteMirror.preferred());
    }

    static Repository openRemote(String url, Path cacheDir, RemoteMirror mirror) {
        String shown = withoutPassword(url);
        Path dir = cacheDir.resolve("repos").resolve(cacheKey(shown));
        Path locks = cacheDir.resolve("locks");
        try {
            Files.createDirectories(locks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + locks, e);
        }
        // one clone or fetch of a URL at a time, across runs sharing the cache: git fetches into one mirror at once
        // fail on ref locks, and a run must never delete a clone another run has just moved into place
        try (KeyLock lock = KeyLock.acquire(
                locks.resolve("repo-" + dir.getFileName() + ".lock"))) {
            return openRemoteLocked(url, shown, dir, mirror);
        }
    }

    private static Repository openRemoteLocked(String url, String shown, Path dir, RemoteMirror mirror) {
        if (RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            Repository repository = openCached(dir);
            try {
                mirror.fetch(repository);
                return repository;
            } catch (RemoteMirror.TransferException e) {
                repository.close();
                throw transportFailure("cannot fetch", shown, url, e);
            }
        }
        deleteRecursively(dir);
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        deleteRecursively(tmp);
        try {
            Files.createDirectories(tmp.getParent());
            mirror.cloneInto(url, tmp);
        } catch (RemoteMirror.TransferException e) {
            deleteRecursively(tmp);
            throw transportFailure("cannot clone", shown, url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + tmp.getParent(), e);
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteRecursively(tmp);
            if (!RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
                throw new UncheckedIOException("cannot move the clone of " + shown + " into " + dir, e);
            }
            // another run cloned it at the same time: use theirs
        }
        return openCached(dir);
    }

    private static Repository openCached(Path dir) {
        try {
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open cached clone " + dir, e);
        }
    }

    private static ExitException transportFailure(String what, String shown, String url, Exception e) {
        String reason = e.getMessage();
        String password = password(url);
        if (!password.isEmpty()) {
            reason = reason.replace(password, "***");
        }
        reason = reason.replace(url, shown).lines().findFirst().orElse("").strip();
        return new ExitException(ExitCodes.USAGE, "target.repo '" + shown + "': " + what + " (" + reason + ")", e);
    }

    /** The URL as it may be shown: any password replaced by {@code ***}. */
    static String withoutPassword(String url) {
        String password = password(url);
        return password.isEmpty() ? url : url.replace(":" + password + "@", ":***@");
    }

    private static String password(String url) {
        try {
            String pass = new URIish(url).getPass();
            return pass == null ? "" : pass;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String cacheKey(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
