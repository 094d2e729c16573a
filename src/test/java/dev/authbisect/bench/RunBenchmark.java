package dev.authbisect.bench;

import dev.authbisect.cli.AuthBisect;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine;

/**
 * Measures, in one run, what authbisect saves against what people do by hand (issue: "the
 * pipeline"): on a generated history of {@code bench.commits} commits (default 2,000) where
 * every 25th commit changes the module (~80 module versions),
 * <ol>
 *   <li>module-version computation (JGit, from objects) against {@code git log --format=%H -- <paths>};</li>
 *   <li>a full {@code authbisect run} (2 environments × 3 calls, the embedded simulator, jobs 2) against a
 *       plain loop that checks out every commit in a {@code git worktree} and runs the same probe per
 *       environment. The loop runs {@code bench.loopCommits} commits (default 200) and is extrapolated
 *       linearly to the whole history (set {@code -Dbench.loopCommits=2000} to run it all).</li>
 * </ol>
 * Run: {@code mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.RunBenchmark}
 */
public final class RunBenchmark {
    private static final String SCENARIO = """
            venue: crypto-com-exchange-v1
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys:
              - {label: bench one, api_key: BenchKeyOne0000000001, secret: bench-secret-one-0001, permissions: [read]}
              - {label: bench two, api_key: BenchKeyTwo0000000002, secret: bench-secret-two-0002, permissions: [read]}
            """;

    private RunBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.getInteger("bench.commits", 2000);
        int loopCommits = Math.min(commits, Integer.getInteger("bench.loopCommits", 200));
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("authbisect-run-bench");
        try {
            setUp(dir, commits);
            out.printf(Locale.ROOT, "history: %d commits; module broker/ changes every 25th commit%n", commits);

            // 1. module versions vs git log
            ModuleSpec spec = new ModuleSpec(List.of("broker/"), List.of());
            long mvNanos;
            int versions;
            List<CommitNode> nodes;
            try (Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                    .setWorkTree(dir.resolve("repo").toFile()).setMustExist(true).build()) {
                nodes = CommitRange.resolve(repo, CommitSelection.range("HEAD")).commits();
                long t = System.nanoTime();
                versions = ModuleVersions.compute(repo, nodes, spec).size();
                mvNanos = System.nanoTime() - t;
            }
            long t = System.nanoTime();
            int touching = GitCli.lines(dir.resolve("repo"), "log", "--format=%H", "HEAD", "--", "broker/").size();
            long gitLogNanos = System.nanoTime() - t;
            out.printf(Locale.ROOT, "module versions: %d in %.0f ms (JGit, cold JVM) | git log -- broker/: %d commits in %.0f ms | ratio %.2f%n",
                    versions, mvNanos / 1e6, touching, gitLogNanos / 1e6, mvNanos / (double) gitLogNanos);

            // 2. authbisect run vs checkout loop
            t = System.nanoTime();
            StringWriter err = new StringWriter();
            CommandLine cl = AuthBisect.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute("run", "--config", dir.resolve("config.yaml").toString(), "--cache", dir.resolve("cache").toString(),
                    "--out", dir.resolve("report").toString(), "--jobs", "2");
            double runSeconds = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "authbisect run: exit %d, %d module versions × 2 environments × 3 calls (+ reference row) in %.1f s%n",
                    code, versions, runSeconds);

            double loopSeconds = checkoutLoop(dir, nodes, loopCommits);
            double perCommit = loopSeconds / loopCommits;
            double extrapolated = perCommit * nodes.size();
            out.printf(Locale.ROOT, "checkout loop: %d commits × 2 environments in %.1f s (%.0f ms per commit); whole history ≈ %.0f s%s%n",
                    loopCommits, loopSeconds, perCommit * 1000, extrapolated, loopCommits < nodes.size() ? " (extrapolated)" : "");
            out.printf(Locale.ROOT, "ratio checkout loop / authbisect run: %.1fx%n", extrapolated / runSeconds);
        } finally {
            GitCli.run(dir.resolve("repo"), "worktree", "prune");
            deleteQuietly(dir);
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
    private static double checkoutLoop(Path dir, List<CommitNode> nodes, int count) throws Exception {
        Path worktree = dir.resolve("worktree");
        GitCli.run(dir.resolve("repo"), "worktree", "add", "-q", "--detach", worktree.toString(), nodes.get(0).id().name());
        try (SimulatorServer sim = SimulatorServer.start(Scenario.load(dir.resolve("scenario.yaml")), 0)) {
            long t = System.nanoTime();
            for (int i = 0; i < count; i++) {
                GitCli.run(worktree, "checkout", "-q", "--detach", nodes.get(i).id().name());
                probe(dir, worktree, sim, "BenchKeyOne0000000001", "bench-secret-one-0001");
                probe(dir, worktree, sim, "BenchKeyTwo0000000002", "bench-secret-two-0002");
            }
            return (System.nanoTime() - t) / 1e9;
        }
    }

    private static void probe(Path dir, Path worktree, SimulatorServer sim, String key, String secret) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", dir.resolve("probe.py").toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("EX_BASE", sim.v1Url().toString());
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

    private static void deleteQuietly(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
