package dev.authbisect.bench;

import static dev.authbisect.testkit.GitHistory.file;

import dev.authbisect.bisect.BisectResult;
import dev.authbisect.bisect.BisectText;
import dev.authbisect.bisect.Bisection;
import dev.authbisect.bisect.GitBisect;
import dev.authbisect.bisect.RepoModule;
import dev.authbisect.bisect.TrialOutcome;
import dev.authbisect.core.Outcome;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Not a test: authbisect's bisection against {@code git bisect run} on a generated history of
 * 5,000 commits with about 100 module versions (a few side branches merged in). Both run a real
 * process per test: the same shell script reading {@code module/state} from git objects (git:
 * at {@code BISECT_HEAD}; authbisect: at the commit it chose). Prints probes run and wall time.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.BisectBenchmark</pre>
 */
public final class BisectBenchmark {
    private static final int COMMITS = 5_000;
    private static final int MODULE_VERSIONS = 100;
    private static final String SCRIPT = "s=$(git cat-file -p \"$AUTHBISECT_COMMIT\":module/state 2>/dev/null); "
            + "case \"$s\" in good) exit 0;; skip) exit 125;; esac; exit 1";

    private BisectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("authbisect-bench-");
        try {
            long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
            long t0 = System.nanoTime();
            String[] ends = generate(dir, seed);
            String good = ends[0];
            String bad = ends[1];
            System.out.printf("history: %d commits, %d module versions, %d skipped module versions, built in %d ms%n",
                    COMMITS, MODULE_VERSIONS, Integer.parseInt(ends[2]), ms(t0));

            long g0 = System.nanoTime();
            GitBisect.Run git = GitBisect.run(dir, bad, List.of(good), false, List.of());
            long gitMs = ms(g0);
            String gitAnswer = git.firstBad().orElse("possible " + git.possible());

            long a0 = System.nanoTime();
            int[] probes = {0};
            long[] probeNanos = {0};
            long loadMs;
            long bisectMs;
            BisectResult ours;
            try (RepoModule repo = new RepoModule(dir)) {
                repo.graph().ancestors(List.of(bad)).forEach(repo::moduleVersionOf);
                loadMs = ms(a0);
                long b0 = System.nanoTime();
                ours = Bisection.on(repo.graph()).bad(bad).good(good).moduleVersions(repo::moduleVersionOf)
                        .run((commit, mv) -> {
                            probes[0]++;
                            long p0 = System.nanoTime();
                            TrialOutcome outcome = probe(dir, commit);
                            probeNanos[0] += System.nanoTime() - p0;
                            return outcome;
                        });
                bisectMs = ms(b0);
            }
            long oursMs = ms(a0);
            String ourAnswer = ours instanceof BisectResult.Found f ? f.commit().id() : BisectText.conclusion(ours);

            System.out.printf("%-22s %8s %8s %10s  %s%n", "", "steps", "probes", "wall ms", "answer");
            System.out.printf("%-22s %8d %8d %10d  %s%n", "git bisect run", git.steps().size(), git.steps().size(), gitMs, gitAnswer);
            System.out.printf("%-22s %8d %8d %10d  %s%n", "authbisect bisection", ours.steps().size(), probes[0], oursMs, ourAnswer);
            System.out.printf("authbisect wall time: %d ms loading the graph and %d module versions with JGit, %d ms bisecting"
                    + " (%d ms of it in probes)%n", loadMs, COMMITS, bisectMs, TimeUnit.NANOSECONDS.toMillis(probeNanos[0]));
            System.out.println(gitAnswer.equals(ourAnswer) ? "same first bad commit" : "DIFFERENT ANSWERS");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Returns {good, bad, skipped module versions}. */
    private static String[] generate(Path dir, long seed) {
        Random random = new Random(seed);
        int firstBad = MODULE_VERSIONS * 2 / 3 + random.nextInt(MODULE_VERSIONS / 4);
        String[] ends = new String[3];
        int[] skipped = {0};
        try (GitHistory git = GitHistory.initBare(dir)) {
            git.bulk(g -> {
                g.commit("root", file("module/state", "good"), file("module/v", "0"), file("docs/d", "0"));
                ends[0] = g.head().name();
                int version = 0;
                int sideBranches = 0;
                for (int i = 1; i < COMMITS; i++) {
                    boolean moduleCommit = random.nextInt(COMMITS / MODULE_VERSIONS) == 0 && version < MODULE_VERSIONS - 1;
                    if (i % 400 == 0 && sideBranches < 10) {
                        String side = "side" + sideBranches++;
                        g.checkout(side).commit("side work " + i, file("docs/side" + i, "" + i))
                                .commit("more side work " + i, file("docs/side" + i, "" + i + "b"))
                                .checkout(GitHistory.MAIN).merge(side, "Merge " + side);
                        i += 2;
                        continue;
                    }
                    if (moduleCommit) {
                        version++;
                        String state = version >= firstBad ? "bad" : random.nextInt(12) == 0 ? "skip" : "good";
                        skipped[0] += state.equals("skip") ? 1 : 0;
                        g.commit("module change " + version, file("module/v", "" + version), file("module/state", state));
                    } else {
                        g.commit("docs " + i, file("docs/d", "" + i));
                    }
                }
                if (version < firstBad) {
                    g.commit("module change " + (++version), file("module/v", "" + version), file("module/state", "bad"));
                }
                ends[1] = g.head().name();
            });
        }
        ends[2] = "" + skipped[0];
        return ends;
    }

    private static TrialOutcome probe(Path dir, String commit) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", SCRIPT).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
            pb.environment().put("AUTHBISECT_COMMIT", commit);
            Process p = pb.start();
            p.getOutputStream().close();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return TrialOutcome.of(Outcome.PROBE_ERROR);
            }
            return switch (p.exitValue()) {
                case 0 -> TrialOutcome.of(Outcome.OK);
                case 125 -> new TrialOutcome(Outcome.SKIPPED, "exit 125");
                default -> new TrialOutcome(Outcome.AUTH_REJECTED, "exit " + p.exitValue());
            };
        } catch (IOException e) {
            return new TrialOutcome(Outcome.PROBE_ERROR, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TrialOutcome.of(Outcome.PROBE_ERROR);
        }
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

}
