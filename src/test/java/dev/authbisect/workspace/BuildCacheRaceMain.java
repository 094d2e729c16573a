package dev.authbisect.workspace;

import dev.authbisect.config.BuildSpec;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Redactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The second process of {@code BuildCacheTest}'s race: opens the repository, says "ready",
 * waits for "go" on stdin, prepares the same key, prints "cached=<bool> dir=<path>".
 * Args: repo dir, commit, cache dir, build script.
 */
public final class BuildCacheRaceMain {
    private BuildCacheRaceMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(Path.of(args[0]).toFile()).build()) {
            BuildCache cache = new BuildCache(Path.of(args[2]));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("ready");
            System.out.flush();
            if (!"go".equals(in.readLine())) {
                System.exit(2);
            }
            PreparedModule m = cache.prepare(repo, ObjectId.fromString(args[1]), "mv-race", BuildCacheTest.MODULE,
                    Optional.of(new BuildSpec(List.of("sh", "-c", args[3]), Duration.ofSeconds(10))), Redactor.create(new byte[] {1}));
            System.out.println("cached=" + m.outcome().cached() + " dir=" + m.dir());
        }
    }
}
