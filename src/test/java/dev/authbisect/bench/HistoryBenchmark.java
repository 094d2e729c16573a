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
 *       process each time; once as {@code java -jar} starts, once with the JVM options of
 *       {@code target/authbisect} (its class-data archive, C1 only) when the build wrote it;</li>
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
                Map<String, List<Double>> cold = new java.util.LinkedHashMap<>();
                String described = "";
                for (int r = 0; r < rounds; r++) {
                    for (Map.Entry<String, List<String>> jvm : jvms().entrySet()) {
                        Path cache = dir.resolve("cache-" + r + "-" + cold.size());
                        gits.add(Bench.timeMs(repo, Map.of(), git));
                        String[] first = child(jvm.getValue(), classpath, repo, cache);
                        cold.computeIfAbsent(jvm.getKey() + ", empty cache", k -> new ArrayList<>()).add(Double.parseDouble(first[1]));
                        described = String.join(" ", List.of(first).subList(2, first.length));
                        gits.add(Bench.timeMs(repo, Map.of(), git));
                        cold.computeIfAbsent(jvm.getKey() + ", index of the run before", k -> new ArrayList<>())
                                .add(Double.parseDouble(child(jvm.getValue(), classpath, repo, cache)[1]));
                    }
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
                for (Map.Entry<String, List<Double>> c : cold.entrySet()) {
                    System.out.printf(Locale.ROOT, "  %-64s %s ms  ratio %.1f%n", "authbisect (open+range+module versions), " + c.getKey(),
                            Bench.range(c.getValue()), Bench.median(c.getValue()) / g);
                }
                System.out.printf(Locale.ROOT, "  %-64s %s ms%n", "git log, same moments as the warm runs", Bench.range(gitsWarm));
                System.out.printf(Locale.ROOT, "  %-64s %s ms  ratio %.2f%n", "authbisect, warm JVM, no cache (every id computed)",
                        Bench.range(warm), Bench.median(warm) / gw);
            } finally {
                Bench.deleteQuietly(dir);
            }
        }
    }

    /** The cold JVMs: as {@code java -jar} starts, and with the launcher's options when it was built. */
    private static Map<String, List<String>> jvms() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        out.put("cold JVM (java -jar)", List.of());
        Path archive = Bench.jar().resolveSibling("authbisect.jsa");
        if (Files.isRegularFile(archive)) {
            out.put("cold JVM (launcher: CDS, C1)", List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-XX:TieredStopAtLevel=1"));
        }
        return out;
    }

    private static String[] child(List<String> options, String classpath, Path repo, Path cache) {
        List<String> command = new ArrayList<>(List.of(Bench.javaBin()));
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, HistoryBenchmark.class.getName(), "--child", repo.toString(), cache.toString()));
        String out = Bench.exec(repo, Map.of(), command.toArray(String[]::new));
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("RESULT ")) {
            throw new IllegalStateException("child failed:\n" + out);
        }
        return last.split(" ");
    }

    /** Opens the repository, resolves {@code main} first-parent and computes module versions; describes the result. */
    private static String measure(String repoDir, Path cache) {
        long t0 = System.nanoTime();
        try (Repository repo = GitRepos.open(repoDir, Path.of(System.getProperty("java.io.tmpdir")))) {
            long t1 = System.nanoTime();
            List<CommitNode> commits = CommitRange.resolve(repo, new CommitSelection(Optional.of("main"), List.of(), true)).commits();
            long t2 = System.nanoTime();
            ModuleVersionIndex index = cache == null ? ModuleVersions.compute(repo, commits, Monorepo.SPEC)
                    : ModuleVersions.compute(repo, commits, Monorepo.SPEC, cache);
            long t3 = System.nanoTime();
            return String.format(Locale.ROOT, "%d commits, %d module versions (open %.0f, range %.0f, module versions %.0f ms)",
                    commits.size(), index.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
    }
}
