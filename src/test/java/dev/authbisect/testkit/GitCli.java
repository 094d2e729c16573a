package dev.authbisect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git} command line, to check what JGit-based code computes against git
 * itself. The environment is reduced so the user's git config cannot change the answers.
 */
public final class GitCli {
    private GitCli() {
    }

    /** Runs {@code git args...} in {@code dir} and returns stdout; fails on a non-zero exit. */
    public static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("LC_ALL", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            var err = new java.io.ByteArrayOutputStream();
            Thread errPump = new Thread(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            errPump.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
            }
            errPump.join();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " exited " + p.exitValue() + ": "
                        + err.toString(StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The non-empty lines of {@code git args...}. */
    public static List<String> lines(Path dir, String... args) {
        return run(dir, args).lines().filter(l -> !l.isBlank()).toList();
    }
}
