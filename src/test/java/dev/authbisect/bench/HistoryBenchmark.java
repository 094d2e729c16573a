package dev.authbisect.bench;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.ModuleVersionIndex;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;

/**
 * Times module-version computation on a generated 2,000-commit history (about 80 module
 * versions; most commits touch other paths) against {@code git log --format=%H -- <paths>},
 * which finds the commits touching the module paths but neither dedupes nor applies excludes.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.HistoryBenchmark}
 * (optional system properties {@code bench.commits}, {@code bench.rounds}).
 */
public final class HistoryBenchmark {
    private static final String MODULE = "backend/app/";

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int commits = Integer.getInteger("bench.commits", 2000);
        int rounds = Integer.getInteger("bench.rounds", 10);
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("authbisect-history-bench");
        try {
            long t0 = System.nanoTime();
            try (GitHistory git = GitHistory.initBare(dir)) {
                generate(git, commits);
                git.pack();
            }
            out.printf(Locale.ROOT, "generated %d commits in %s (packed)%n", commits, ms(System.nanoTime() - t0));

            ModuleSpec plain = new ModuleSpec(List.of(MODULE), List.of());
            ModuleSpec excluding = new ModuleSpec(List.of(MODULE), List.of("**/tests/**", "**/*.md"));
            try (Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                    .setGitDir(dir.toFile()).setMustExist(true).build()) {
                CommitRange range = CommitRange.resolve(repo, CommitSelection.range("main"));
                Timing resolve = time(rounds, () -> CommitRange.resolve(repo, CommitSelection.range("main")).size());
                Timing plainTime = time(rounds, () -> ModuleVersions.compute(repo, range.commits(), plain).size());
                Timing excludingTime = time(rounds, () -> ModuleVersions.compute(repo, range.commits(), excluding).size());
                Timing gitLog = time(rounds, () -> GitCli.lines(dir, "log", "--format=%H", "main", "--", MODULE).size());
                ModuleVersionIndex index = ModuleVersions.compute(repo, range.commits(), excluding);

                out.printf(Locale.ROOT, "commits %d, module versions %d (exclude %s), %d without exclude; "
                                + "git log finds %d commits touching %s%n",
                        range.size(), index.size(), excluding.exclude(), plainTime.result, gitLog.result, MODULE);
                out.printf(Locale.ROOT, "%-42s %10s %10s%n", "best of " + rounds + " (first run)", "best", "first");
                row(out, "resolve range (CommitRange)", resolve);
                row(out, "module versions, no exclude", plainTime);
                row(out, "module versions, exclude globs", excludingTime);
                row(out, "git log --format=%H -- " + MODULE, gitLog);
                out.printf(Locale.ROOT, "ratio module versions / git log: %.2f (no exclude), %.2f (exclude)%n",
                        plainTime.bestNanos / (double) gitLog.bestNanos, excludingTime.bestNanos / (double) gitLog.bestNanos);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** A repository shaped like a monorepo: most commits touch web/, infra/, docs/; every 25th the module. */
    private static void generate(GitHistory git, int commits) {
        Random random = new Random(42);
        git.bulk(g -> {
            List<GitHistory.Change> initial = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                initial.add(GitHistory.file(MODULE + "pkg" + (i % 6) + "/mod" + i + ".py", "v0 " + i));
            }
            for (int i = 0; i < 400; i++) {
                initial.add(GitHistory.file("web/src/c" + (i % 20) + "/f" + i + ".js", "v0 " + i));
            }
            initial.add(GitHistory.file(MODULE + "README.md", "docs"));
            g.commit("initial import", initial.toArray(GitHistory.Change[]::new));
            for (int i = 1; i < commits; i++) {
                if (i % 25 == 0) {
                    int f = random.nextInt(60);
                    g.commit("module change " + i, MODULE + "pkg" + (f % 6) + "/mod" + f + ".py", "v" + i);
                } else if (i % 25 == 11) {
                    g.commit("module tests " + i, MODULE + "tests/test_" + random.nextInt(10) + ".py", "t" + i);
                } else if (i % 25 == 17) {
                    g.commit("module docs " + i, MODULE + "README.md", "docs " + i);
                } else if (i % 50 == 33) {
                    g.branch("topic" + i).checkout("topic" + i)
                            .commit("topic work " + i, "infra/t" + i + ".tf", "x")
                            .checkout("main").merge("topic" + i, "Merge topic" + i);
                } else {
                    int f = random.nextInt(400);
                    g.commit("web change " + i, "web/src/c" + (f % 20) + "/f" + f + ".js", "v" + i);
                }
            }
        });
    }

    private record Timing(long bestNanos, long firstNanos, int result) {
    }

    private static Timing time(int rounds, Supplier<Integer> task) {
        long best = Long.MAX_VALUE;
        long first = 0;
        int result = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            result = task.get();
            long took = System.nanoTime() - start;
            if (r == 0) {
                first = took;
            }
            best = Math.min(best, took);
        }
        return new Timing(best, first, result);
    }

    private static void row(PrintStream out, String what, Timing t) {
        out.printf(Locale.ROOT, "%-42s %10s %10s%n", what, ms(t.bestNanos), ms(t.firstNanos));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
