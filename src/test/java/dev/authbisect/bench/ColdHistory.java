package dev.authbisect.bench;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import dev.authbisect.history.ModuleVersions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/** Scratch: cold module versions. args: repo range firstParent */
public final class ColdHistory {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        try (Repository repo = GitRepos.open(args[0], Path.of("/tmp/scratch/cache"))) {
            long t1 = System.nanoTime();
            CommitRange range = CommitRange.resolve(repo, new CommitSelection(Optional.of(args[1]), List.of(), Boolean.parseBoolean(args[2])));
            long t2 = System.nanoTime();
            int n = ModuleVersions.compute(repo, range.commits(), Monorepo.SPEC).size();
            long t3 = System.nanoTime();
            System.out.printf("open %.1f resolve %.1f compute %.1f total %.1f ms; %d commits %d versions%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, range.size(), n);
        }
    }
}
