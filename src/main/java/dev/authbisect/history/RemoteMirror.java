package dev.authbisect.history;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Clones a URL as a bare mirror (all refs) and fetches it again. Uses the git command line when
 * it is on the PATH, so the user's ssh keys, ssh config and credential helpers work exactly as
 * in their shell; otherwise JGit (http(s), git and file URLs; JGit alone has no ssh).
 */
enum RemoteMirror {
    GIT_CLI {
        @Override
        void cloneInto(String url, Path dir) throws TransferException {
            run(List.of("git", "clone", "--mirror", "--quiet", "--", url, dir.toString()), null);
        }

        @Override
        void fetch(Repository repo) throws TransferException {
            run(List.of("git", "fetch", "--prune", "--quiet", "origin"), repo.getDirectory());
        }
    },
    JGIT {
        @Override
        void cloneInto(String url, Path dir) throws TransferException {
            try {
                Git.cloneRepository().setURI(url).setMirror(true).setDirectory(dir.toFile())
                        .setTimeout(TRANSPORT_TIMEOUT_SECONDS).call().close(); // the caller opens it where it ends up
            } catch (GitAPIException | RuntimeException e) {
                throw new TransferException(rootMessage(e), e);
            }
        }

        @Override
        void fetch(Repository repo) throws TransferException {
            try (Git git = Git.wrap(repo)) {
                git.fetch().setRemote("origin").setRemoveDeletedRefs(true).setForceUpdate(true)
                        .setTimeout(TRANSPORT_TIMEOUT_SECONDS).call();
            } catch (GitAPIException | RuntimeException e) {
                throw new TransferException(rootMessage(e), e);
            }
        }
    };

    /** JGit gives up after this many seconds without progress. */
    static final int TRANSPORT_TIMEOUT_SECONDS = 120;
    /** The git command line is stopped after this long. */
    static final Duration CLI_DEADLINE = Duration.ofMinutes(30);

    abstract void cloneInto(String url, Path dir) throws TransferException;

    abstract void fetch(Repository repo) throws TransferException;

    /** The git command line if it runs, else JGit. */
    static RemoteMirror preferred() {
        return GitCliProbe.AVAILABLE ? GIT_CLI : JGIT;
    }

    /** A clone or fetch failed; the message is one line (may still hold the URL: callers sanitize). */
    static final class TransferException extends Exception {
        TransferException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class GitCliProbe {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void run(List<String> command, File gitDir) throws TransferException {
        Path err = null;
        try {
            err = Files.createTempFile("authbisect-git", ".err");
            List<String> full = new ArrayList<>(command);
            if (gitDir != null) {
                full.add(1, "--git-dir=" + gitDir.getAbsolutePath());
            }
            ProcessBuilder pb = new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.remove("GIT_DIR");
            env.remove("GIT_WORK_TREE");
            if (!env.containsKey("GIT_SSH_COMMAND") && !env.containsKey("GIT_SSH")) {
                env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
            }
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(CLI_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new TransferException("git " + command.get(1) + " did not finish within " + CLI_DEADLINE.toMinutes()
                        + " minutes", null);
            }
            if (p.exitValue() != 0) {
                throw new TransferException(summary(Files.readAllLines(err, StandardCharsets.UTF_8), p.exitValue()), null);
            }
        } catch (IOException e) {
            throw new TransferException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted", e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** git's stderr in one line: its first two messages, without the "Please make sure …" advice. */
    static String summary(List<String> stderr, int exit) {
        List<String> lines = stderr.stream().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("Please make sure") && !l.startsWith("and the repository exists"))
                .map(l -> l.replaceFirst("^(fatal|error): ", "")).limit(2).toList();
        return lines.isEmpty() ? "git exited " + exit : String.join("; ", lines);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof NullPointerException && message.contains("SshSessionFactory")) {
            message = "ssh URLs need the git command line, which was not found on the PATH";
        }
        return message.lines().findFirst().orElse("").strip();
    }
}
