package dev.authbisect.bench;

import static dev.authbisect.testkit.GitHistory.file;

import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: {@code authbisect bisect} against {@code git bisect run}, in wall time, on a
 * generated history of 5,000 commits (about 100 module versions, side branches merged in) with a
 * probe that takes 1 s. Both sides run the same Python probe ({@code bench/bisect_probe.py}): it
 * sleeps, reads {@code module/state} and makes one signed call — git's through a checkout and
 * straight to a simulator, authbisect's from a materialized module version through its relay to
 * its own simulator. authbisect runs as users run it: {@code java -jar target/authbisect.jar}
 * (and {@code target/authbisect}, the launcher with the class-data archive, when it was built), a
 * cold JVM, first with an empty cache, then again with the cache the first run left. Prints steps,
 * probes, wall time, the time before the first probe started, the answers and the ratios.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.BisectBenchmark
 *   [-Dbench.commits=5000] [-Dbench.sleep=1] [-Dbench.keep=true]</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first, as in the README's set-up)
 */
public final class BisectBenchmark {
    private static final String KEY = "BenchKeyBisect00000001";
    private static final String SECRET = "bench-secret-bisect-01";
    private static final Pattern FIRST_BAD = Pattern.compile("([0-9a-f]{40}) is the first bad commit");

    private BisectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.getInteger("bench.commits", 5000);
        String sleep = System.getProperty("bench.sleep", "1");
        Path jar = Bench.jar();
        Path dir = Files.createTempDirectory("authbisect-bisect-bench");
        try {
            long t0 = System.nanoTime();
            String[] ends = generate(dir.resolve("repo"), commits, 42);
            String good = ends[0];
            String bad = ends[1];
            Files.writeString(dir.resolve("probe.py"), Bench.resource("/bench/bisect_probe.py"));
            Files.writeString(dir.resolve("scenario.yaml"), "venue: crypto-com-exchange-v1\nkeys:\n  - {label: bench, api_key: "
                    + KEY + ", secret: " + SECRET + ", permissions: [read]}\n");
            Files.writeString(dir.resolve("bench.key"), KEY);
            Files.writeString(dir.resolve("bench.secret"), SECRET);
            Files.writeString(dir.resolve("config.yaml"), """
                    version: 1
                    target:
                      repo: repo
                      module: {paths: [module/]}
                      probe:
                        command: [python3, "${configDir}/probe.py"]
                        timeout: 60s
                        env:
                          BASE: "{{relay.url}}"
                          KEY: "{{credentials.api_key}}"
                          SECRET: "{{credentials.api_secret}}"
                          PROBE_SLEEP: "%s"
                          PROBE_LOG: "${configDir}/authbisect-probes.log"
                    venue: crypto-com-exchange-v1
                    calls:
                      - {name: balance, method: private/user-balance}
                    environments:
                      - name: local
                        credentials: {api_key: "${file:bench.key}", api_secret: "${file:bench.secret}"}
                        upstream: sim:bench
                    simulators: {bench: scenario.yaml}
                    commits: {range: HEAD}
                    """.formatted(sleep));
            System.out.printf(Locale.ROOT, "history: %s commits (%s module versions, %s of them skip), built in %.1f s; probe sleeps %s s%n",
                    ends[3], ends[4], ends[2], (System.nanoTime() - t0) / 1e9, sleep);
            System.out.println(Bench.machine());

            Side git = gitBisect(dir, good, bad, sleep);
            List<Side> ours = new ArrayList<>();
            for (String[] launcher : Bench.launchers(jar)) {
                Path cache = dir.resolve("cache-" + launcher[0].replaceAll("\\W", ""));
                ours.add(authbisect(dir, launcher, cache, good, bad, "cold JVM, empty cache"));
                ours.add(authbisect(dir, launcher, cache, good, bad, "cold JVM, cache of the run before"));
            }

            System.out.printf(Locale.ROOT, "%-58s %6s %9s %14s  %s%n", "", "probes", "wall s", "first probe s", "first bad commit");
            List<Side> all = new ArrayList<>(List.of(git));
            all.addAll(ours);
            for (Side s : all) {
                System.out.printf(Locale.ROOT, "%-58s %6d %9.2f %14.2f  %s%n", s.name, s.probes, s.wallSeconds, s.firstProbeSeconds,
                        s.answer);
            }
            for (Side s : ours) {
                System.out.printf(Locale.ROOT, "ratio %s / git bisect run: %.2f wall%s%n", s.name, s.wallSeconds / git.wallSeconds,
                        s.answer.equals(git.answer) ? "" : "  (DIFFERENT ANSWER)");
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("kept " + dir);
            } else {
                Bench.deleteQuietly(dir);
            }
        }
    }

    private record Side(String name, int probes, double wallSeconds, double firstProbeSeconds, String answer) {
    }

    private static Side gitBisect(Path dir, String good, String bad, String sleep) throws Exception {
        Path log = dir.resolve("git-probes.log");
        try (SimulatorServer sim = SimulatorServer.start(Scenario.load(dir.resolve("scenario.yaml")), 0)) {
            Map<String, String> env = Map.of("BASE", sim.url("/exchange/v1").toString(), "KEY", KEY, "SECRET", SECRET, "PROBE_SLEEP", sleep,
                    "PROBE_LOG", log.toString());
            Path repo = dir.resolve("repo");
            long start = System.currentTimeMillis();
            long t = System.nanoTime();
            Bench.exec(repo, Map.of(), "git", "bisect", "start", bad, good);
            String out = Bench.exec(repo, env, "git", "bisect", "run", "python3", dir.resolve("probe.py").toString());
            double wall = (System.nanoTime() - t) / 1e9;
            Bench.exec(repo, Map.of(), "git", "bisect", "reset", "--quiet");
            return new Side("git bisect run", probeStarts(log).size(), wall, (probeStarts(log).get(0) - start) / 1e3, firstBad(out));
        }
    }

    private static Side authbisect(Path dir, String[] launcher, Path cache, String good, String bad, String what) throws Exception {
        Path log = dir.resolve("authbisect-probes.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of(launcher).subList(1, launcher.length));
        command.addAll(List.of("bisect", "--config", dir.resolve("config.yaml").toString(), "--good", good, "--bad", bad,
                "--env", "local", "--call", "balance", "--out", dir.resolve("out-" + System.nanoTime()).toString(),
                "--cache", cache.toString()));
        long start = System.currentTimeMillis();
        long t = System.nanoTime();
        String out = Bench.exec(dir, Map.of(), command.toArray(String[]::new));
        double wall = (System.nanoTime() - t) / 1e9;
        List<Long> starts = probeStarts(log);
        return new Side(launcher[0] + ", " + what, starts.size(), wall, starts.isEmpty() ? Double.NaN : (starts.get(0) - start) / 1e3,
                firstBad(out));
    }

    private static List<Long> probeStarts(Path log) throws Exception {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().map(l -> Long.parseLong(l.split(" ")[0])).toList();
    }

    private static String firstBad(String output) {
        Matcher m = FIRST_BAD.matcher(output);
        return m.find() ? m.group(1) : "(none: " + output.lines().reduce((a, b) -> b).orElse("") + ")";
    }

    /** Returns {good, bad, skipped module versions, commits, module versions}. */
    static String[] generate(Path dir, int commits, long seed) {
        Random random = new Random(seed);
        int moduleVersions = Math.max(10, commits / 50);
        int firstBad = moduleVersions * 2 / 3 + random.nextInt(moduleVersions / 4);
        String[] ends = new String[5];
        int[] skipped = {0};
        int[] made = {1};
        int[] version = {0};
        try (GitHistory git = GitHistory.init(dir)) {
            git.bulk(g -> {
                g.commit("root", file("module/state", "good"), file("module/v", "0"), file("docs/d", "0"));
                ends[0] = g.head().name();
                int sideBranches = 0;
                for (int i = 1; i < commits; i++) {
                    boolean moduleCommit = random.nextInt(commits / moduleVersions) == 0 && version[0] < moduleVersions - 1;
                    if (i % 400 == 0 && sideBranches < 10) {
                        String side = "side" + sideBranches++;
                        g.checkout(side).commit("side work " + i, file("docs/side" + i, "" + i))
                                .commit("more side work " + i, file("docs/side" + i, "" + i + "b"))
                                .checkout(GitHistory.MAIN).merge(side, "Merge " + side);
                        i += 2;
                        made[0] += 3;
                        continue;
                    }
                    made[0]++;
                    if (moduleCommit) {
                        version[0]++;
                        String state = version[0] >= firstBad ? "bad" : random.nextInt(12) == 0 ? "skip" : "good";
                        skipped[0] += state.equals("skip") ? 1 : 0;
                        g.commit("module change " + version[0], file("module/v", "" + version[0]), file("module/state", state));
                    } else {
                        g.commit("docs " + i, file("docs/d", "" + i));
                    }
                }
                if (version[0] < firstBad) {
                    version[0]++;
                    made[0]++;
                    g.commit("module change " + version[0], file("module/v", "" + version[0]), file("module/state", "bad"));
                }
                ends[1] = g.head().name();
            });
            git.pack();
        }
        ends[2] = "" + skipped[0];
        ends[3] = "" + made[0];
        ends[4] = "" + (version[0] + 1);
        return ends;
    }
}
