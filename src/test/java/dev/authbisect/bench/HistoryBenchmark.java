package dev.authbisect.bench;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import dev.authbisect.history.ModuleVersionIndex;
import dev.authbisect.history.ModuleVersions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Not a test: module versions against {@code git log --first-parent -- <paths>} on the same range,
 * on generated monorepo histories of 400 and 5,000 first-parent commits ({@link Monorepo}: 7 module
 * paths, 4 folders and 3 files, with exclude globs; git gets the same globs as
 * {@code :(exclude,glob)} pathspecs). authbisect's side is what {@code check}, {@code run} and
 * {@code bisect} do: open the repository, resolve the range, compute the module versions.
 * <ul>
 *   <li><b>cold</b>: a fresh JVM per measurement (the shaded jar, as users run it), timed from
 *       {@code main} (JVM start excluded, class loading included) — first with an empty cache, then
 *       with the commit → module version index the first run left; against a fresh {@code git}
 *       process each time;</li>
 *   <li><b>warm</b>: in this JVM after warm-up, the same work without the cache (every id
 *       computed) against {@code git} again.</li>
 * </ul>
 * Each side runs {@code bench.rounds} (7) times, alternating; medians, ranges and the ratios are printed.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.HistoryBenchmark</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first; {@code -Dbench.sizes=400,5000})
 */
public final class HistoryBenchmark {
    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            long started = System.nanoTime();
            String line = measure(args[1], args[2] .isEmpty() ? null : Path.of(args[2]));
            System.out.printf(Locale.ROOT, "RESULT %.3f %s%n", (System.nanoTime() - started) / 1e6, line);
            return;
        }
        int rounds = Integer.getInteger("bench.rounds", 7);
        String classpath = Bench.jar() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath();
        System.out.println(Bench.machine());
        System.out.println("module: " + Monorepo.PATHS + " exclude " + Monorepo.EXCLUDE + "; commits: range main, first_parent: true");
        for (String size : System.getProperty("bench.sizes", "400,5000").split(",")) {
            Path dir = Files.createTempDirectory("authbisect-history-bench");
            try {
                Path repo = dir.resolve("repo");
                Monorepo.generate(repo, Integer.parseInt(size.strip()));
                List<String> gitLog = new ArrayList<>(List.of("git", "log", "--first-parent", "--format=%H", "main", "--"));
                gitLog.addAll(Monorepo.PATHS);
                Monorepo.EXCLUDE.forEach(g -> gitLog.add(":(exclude,glob)" + g));
                String[] git = gitLog.toArray(String[]::new);
                String touching = "" + Bench.exec(repo, Map.of(), git).lines().count();

                List<Double> gits = new ArrayList<>();
                List<Double> coldFirst = new ArrayList<>();
                List<Double> coldIndexed = new ArrayList<>();
                String described = "";
                for (int r = 0; r < rounds; r++) {
                    Path cache = dir.resolve("cache-" + r);
                    gits.add(Bench.timeMs(repo, Map.of(), git));
                    String[] first = child(classpath, repo, cache);
                    coldFirst.add(Double.parseDouble(first[1]));
                    described = String.join(" ", List.of(first).subList(2, first.length));
                    gits.add(Bench.timeMs(repo, Map.of(), git));
                    coldIndexed.add(Double.parseDouble(child(classpath, repo, cache)[1]));
                }
                List<Double> gitsWarm = new ArrayList<>();
                List<Double> warm = new ArrayList<>();
                for (int r = 0; r < 3 * rounds; r++) {
                    measure(repo.toString(), null); // warm-up
                }
                for (int r = 0; r < rounds; r++) {
                    gitsWarm.add(Bench.timeMs(repo, Map.of(), git));
                    long t = System.nanoTime();
                    measure(repo.toString(), null);
                    warm.add((System.nanoTime() - t) / 1e6);
                }
                double g = Bench.median(gits);
                double gw = Bench.median(gitsWarm);
                System.out.printf(Locale.ROOT, "%n%s first-parent commits: %s; git log finds %s commits touching the module%n", size, described,
                        touching);
                System.out.printf(Locale.ROOT, "  %-64s %s ms%n", "git log --first-parent -- <paths> (fresh process)", Bench.range(gits));
                System.out.printf(Locale.ROOT, "  %-64s %s ms  ratio %.1f%n", "authbisect, cold JVM, empty cache (open+range+module versions)",
                        Bench.range(coldFirst), Bench.median(coldFirst) / g);
                System.out.printf(Locale.ROOT, "  %-64s %s ms  ratio %.1f%n", "authbisect, cold JVM, index of the run before",
                        Bench.range(coldIndexed), Bench.median(coldIndexed) / g);
                System.out.printf(Locale.ROOT, "  %-64s %s ms%n", "git log, same moments as the warm runs", Bench.range(gitsWarm));
                System.out.printf(Locale.ROOT, "  %-64s %s ms  ratio %.2f%n", "authbisect, warm JVM, no cache (every id computed)",
                        Bench.range(warm), Bench.median(warm) / gw);
            } finally {
                Bench.deleteQuietly(dir);
            }
        }
    }

    private static String[] child(String classpath, Path repo, Path cache) {
        String out = Bench.exec(repo, Map.of(), Bench.javaBin(), "-cp", classpath, HistoryBenchmark.class.getName(), "--child",
                repo.toString(), cache.toString());
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("RESULT ")) {
            throw new IllegalStateException("child failed:\n" + out);
        }
        return last.split(" ");
    }

    /** Opens the repository, resolves {@code main} first-parent and computes module versions; describes the result. */
    private static String measure(String repoDir, Path cache) {
        try (Repository repo = GitRepos.open(repoDir, Path.of(System.getProperty("java.io.tmpdir")))) {
            List<CommitNode> commits = CommitRange.resolve(repo, new CommitSelection(Optional.of("main"), List.of(), true)).commits();
            ModuleVersionIndex index = cache == null ? ModuleVersions.compute(repo, commits, Monorepo.SPEC)
                    : ModuleVersions.compute(repo, commits, Monorepo.SPEC, cache);
            return commits.size() + " commits, " + index.size() + " module versions";
        }
    }
}
