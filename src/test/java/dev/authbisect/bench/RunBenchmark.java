package dev.authbisect.bench;

import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: what a full {@code authbisect run} saves against what people do by hand, cold
 * against cold, both measured in one run. A generated history of {@code bench.commits} commits
 * (default 500) where every 25th commit changes the module {@code broker/} (20 module versions);
 * 2 environments × 3 calls against the simulator.
 * <ul>
 *   <li>authbisect: {@code java -jar target/authbisect.jar run --jobs 2} (and {@code target/authbisect},
 *       the launcher with the class-data archive, when built), a fresh JVM and an empty cache:
 *       materializes each module version, probes it per environment through the relay, plus the
 *       reference row, and writes the reports;</li>
 *   <li>the loop: a {@code git worktree} that checks out each commit and runs the same probe per
 *       environment straight against a simulator, one process after the other — for
 *       {@code bench.loopCommits} commits (default: all). It is measured, never extrapolated from
 *       fewer than 500 commits: a shorter loop over a longer history is refused.</li>
 * </ul>
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.RunBenchmark</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first; the loop takes minutes)
 */
public final class RunBenchmark {
    private static final String SCENARIO = """
            venue: crypto-com-exchange-v1
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys:
              - {label: bench one, api_key: BenchKeyOne0000000001, secret: bench-secret-one-0001, permissions: [read]}
              - {label: bench two, api_key: BenchKeyTwo0000000002, secret: bench-secret-two-0002, permissions: [read]}
            """;
    private static final int MIN_SAMPLE = 500;

    private RunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.getInteger("bench.commits", 500);
        int loopCommits = Math.min(commits, Integer.getInteger("bench.loopCommits", commits));
        if (loopCommits < commits && loopCommits < MIN_SAMPLE) {
            throw new IllegalArgumentException("bench.loopCommits " + loopCommits + " < " + MIN_SAMPLE
                    + ": the loop is extrapolated only from a sample of " + MIN_SAMPLE + " commits or more");
        }
        Path jar = Bench.jar();
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("authbisect-run-bench");
        try {
            setUp(dir, commits);
            List<String> ids = GitCli.lines(dir.resolve("repo"), "rev-list", "--reverse", "HEAD");
            out.println(Bench.machine());
            out.printf(Locale.ROOT, "history: %d commits; module broker/ changes every 25th commit (%d module versions);"
                    + " 2 environments × 3 calls, simulator upstream%n", ids.size(), (ids.size() + 24) / 25);

            List<String[]> results = new ArrayList<>();
            for (String[] launcher : Bench.launchers(jar)) {
                List<String> command = new ArrayList<>(List.of(launcher).subList(1, launcher.length));
                String tag = launcher[0].replaceAll("\\W", "");
                command.addAll(List.of("run", "--config", dir.resolve("config.yaml").toString(), "--cache",
                        dir.resolve("cache-" + tag).toString(), "--out", dir.resolve("report-" + tag).toString(), "--jobs", "2"));
                long t = System.nanoTime();
                String output = Bench.exec(dir, Map.of(), command.toArray(String[]::new));
                double seconds = (System.nanoTime() - t) / 1e9;
                boolean ok = Files.exists(dir.resolve("report-" + tag).resolve("result.json"));
                results.add(new String[] {launcher[0], String.format(Locale.ROOT, "%.1f", seconds)});
                out.printf(Locale.ROOT, "authbisect run (%s, cold JVM, empty cache, --jobs 2): %.1f s%s%n", launcher[0], seconds,
                        ok ? "" : " (NO REPORT: " + output.lines().reduce((a, b) -> b).orElse("") + ")");
            }

            double loopSeconds = checkoutLoop(dir, ids, loopCommits);
            double loopWhole = loopSeconds / loopCommits * ids.size();
            out.printf(Locale.ROOT, "checkout loop: %d commits × 2 environments in %.1f s (%.0f ms per commit)%s%n", loopCommits,
                    loopSeconds, loopSeconds * 1000 / loopCommits, loopCommits < ids.size()
                            ? String.format(Locale.ROOT, "; whole history ≈ %.0f s (extrapolated from %d measured commits)", loopWhole, loopCommits)
                            : " (the whole history, measured)");
            for (String[] r : results) {
                out.printf(Locale.ROOT, "ratio checkout loop / authbisect run (%s): %.1f×%n", r[0], loopWhole / Double.parseDouble(r[1]));
            }
        } finally {
            GitCli.run(dir.resolve("repo"), "worktree", "prune");
            Bench.deleteQuietly(dir);
        }
    }

    private static void setUp(Path dir, int commits) throws IOException {
        String client = resource("/pipeline/client_v1.py") + """

                    def order_history(self):
                        return self._call("private/get-order-history", {"page_size": 20})
                """;
        Random random = new Random(7);
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.bulk(g -> {
                List<GitHistory.Change> initial = new ArrayList<>();
                initial.add(GitHistory.file("broker/__init__.py", ""));
                initial.add(GitHistory.file("broker/client.py", client + "\nVERSION = 0\n"));
                for (int i = 0; i < 200; i++) {
                    initial.add(GitHistory.file("web/src/f" + i + ".js", "v0 " + i));
                }
                g.commit("initial import", initial.toArray(GitHistory.Change[]::new));
                for (int i = 1; i < commits; i++) {
                    if (i % 25 == 0) {
                        g.commit("broker change " + i, "broker/client.py", client + "\nVERSION = " + i + "\n");
                    } else {
                        int f = random.nextInt(200);
                        g.commit("web change " + i, "web/src/f" + f + ".js", "v" + i);
                    }
                }
            });
        }
        Files.writeString(dir.resolve("probe.py"), resource("/pipeline/probe.py"));
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("one.key"), "BenchKeyOne0000000001");
        Files.writeString(dir.resolve("one.secret"), "bench-secret-one-0001");
        Files.writeString(dir.resolve("two.key"), "BenchKeyTwo0000000002");
        Files.writeString(dir.resolve("two.secret"), "bench-secret-two-0002");
        Files.writeString(dir.resolve("config.yaml"), """
                version: 1
                target:
                  repo: repo
                  module: {paths: [broker/]}
                  probe:
                    command: [python3, "${configDir}/probe.py"]
                    timeout: 30s
                    env:
                      EX_BASE: "{{relay.url}}"
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                  - {name: balance, method: private/user-balance}
                  - {name: order_history, method: private/get-order-history, params: {page_size: 20}}
                environments:
                  - name: one
                    credentials: {api_key: "${file:one.key}", api_secret: "${file:one.secret}"}
                    upstream: sim:bench
                  - name: two
                    credentials: {api_key: "${file:two.key}", api_secret: "${file:two.secret}"}
                    upstream: sim:bench
                simulators: {bench: scenario.yaml}
                commits: {range: HEAD}
                """);
    }

    /** What people do by hand: check out each commit and run the probe against the API, per environment. */
    private static double checkoutLoop(Path dir, List<String> ids, int count) throws Exception {
        Path worktree = dir.resolve("worktree");
        GitCli.run(dir.resolve("repo"), "worktree", "add", "-q", "--detach", worktree.toString(), ids.get(0));
        try (SimulatorServer sim = SimulatorServer.start(Scenario.load(dir.resolve("scenario.yaml")), 0)) {
            long t = System.nanoTime();
            for (int i = 0; i < count; i++) {
                GitCli.run(worktree, "checkout", "-q", "--detach", ids.get(i));
                probe(dir, worktree, sim, "BenchKeyOne0000000001", "bench-secret-one-0001");
                probe(dir, worktree, sim, "BenchKeyTwo0000000002", "bench-secret-two-0002");
            }
            return (System.nanoTime() - t) / 1e9;
        }
    }

    private static void probe(Path dir, Path worktree, SimulatorServer sim, String key, String secret) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", dir.resolve("probe.py").toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("EX_BASE", sim.url("/exchange/v1").toString());
        env.put("EX_KEY", key);
        env.put("EX_SECRET", secret);
        env.put("AUTHBISECT_MODULE_DIR", worktree.toString());
        env.put("AUTHBISECT_CALLS", "open_orders,balance,order_history");
        env.put("AUTHBISECT_FIXED_TIME_MS", Long.toString(sim.nowMillis()));
        env.put("NO_PROXY", "127.0.0.1");
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RunBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
