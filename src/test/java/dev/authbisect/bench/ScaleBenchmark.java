package dev.authbisect.bench;

import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: how {@code run --jobs N} scales on a sleep-bound probe (issue 14 and 18). A generated
 * history of {@code bench.commits} commits (default 5,000) where every {@code bench.every}th
 * commit (default 50) changes the module {@code broker/}: about 100 module versions. The probe
 * sleeps {@code bench.sleep} seconds (default 0.3) and sends nothing, so the machine's cores are
 * free for the harness: the wall time is the probes' sleeps divided by the jobs plus what the
 * harness adds. One environment, one call, the simulator upstream, no build; a fresh JVM and an
 * empty cache per run ({@code java -jar}, and the launcher when built), {@code --jobs} 1, 2 and 4
 * interleaved in each of {@code bench.rounds} rounds (default 1).
 * It prints the wall time per module version for each {@code --jobs}, and the ratios to
 * {@code --jobs 1} (issue 18's goal: {@code --jobs 2} ≤ 0.6× {@code --jobs 1} on 2 cores).
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.ScaleBenchmark</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first; about 1–2 minutes per launcher and round)
 */
public final class ScaleBenchmark {
    private static final String SCENARIO = """
            venue: crypto-com-exchange-v1
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys:
              - {label: bench, api_key: BenchKeyOne0000000001, secret: bench-secret-one-0001, permissions: [read]}
            """;
    private static final int[] JOBS = {1, 2, 4};

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.getInteger("bench.commits", 5000);
        int every = Integer.getInteger("bench.every", 50);
        int rounds = Integer.getInteger("bench.rounds", 1);
        String sleep = System.getProperty("bench.sleep", "0.3");
        Path jar = Bench.jar();
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("authbisect-scale-bench");
        try {
            setUp(dir, commits, every, sleep);
            int versions = GitCli.lines(dir.resolve("repo"), "rev-list", "HEAD", "--", "broker/").size();
            out.println(Bench.machine());
            out.printf(Locale.ROOT, "history: %d commits, %d module versions (broker/ changes every %dth commit); probe: sleep %s s,"
                    + " no request; one environment, one call, simulator upstream, no build; fresh JVM and empty cache per run%n",
                    commits, versions, every, sleep);
            for (String[] launcher : Bench.launchers(jar)) {
                Map<Integer, List<Double>> perVersion = new LinkedHashMap<>();
                for (int jobs : JOBS) {
                    perVersion.put(jobs, new ArrayList<>());
                }
                for (int round = 1; round <= rounds; round++) {
                    for (int jobs : JOBS) {
                        double seconds = run(dir, launcher, jobs, round);
                        perVersion.get(jobs).add(seconds * 1000 / versions);
                        out.printf(Locale.ROOT, "round %d, %s, --jobs %d: %.1f s, %.0f ms per module version (load %s)%n",
                                round, launcher[0], jobs, seconds, seconds * 1000 / versions, Bench.load());
                    }
                }
                double one = Bench.median(perVersion.get(1));
                for (int jobs : JOBS) {
                    double ms = Bench.median(perVersion.get(jobs));
                    out.printf(Locale.ROOT, "%s, --jobs %d: ms per module version, median (min–max) %s; %.2f× --jobs 1%s%n",
                            launcher[0], jobs, Bench.range(perVersion.get(jobs)), ms / one,
                            jobs == 2 ? " (goal ≤ 0.6×)" : "");
                }
            }
        } finally {
            Bench.deleteQuietly(dir);
        }
    }

    /** Wall time in seconds of one fresh {@code run --jobs N} over the whole history, empty cache. */
    private static double run(Path dir, String[] launcher, int jobs, int round) {
        String tag = launcher[0].replaceAll("\\W", "") + "-" + jobs + "-" + round;
        List<String> command = new ArrayList<>(List.of(launcher).subList(1, launcher.length));
        command.addAll(List.of("run", "--config", dir.resolve("config.yaml").toString(), "--cache",
                dir.resolve("cache-" + tag).toString(), "--out", dir.resolve("report-" + tag).toString(), "--jobs", Integer.toString(jobs)));
        long t = System.nanoTime();
        String output = Bench.exec(dir, Map.of(), command.toArray(String[]::new));
        double seconds = (System.nanoTime() - t) / 1e9;
        if (!Files.exists(dir.resolve("report-" + tag).resolve("result.json"))) {
            throw new IllegalStateException("no report from " + String.join(" ", command) + ":\n" + output);
        }
        Bench.deleteQuietly(dir.resolve("cache-" + tag));
        return seconds;
    }

    private static void setUp(Path dir, int commits, int every, String sleep) throws IOException {
        Random random = new Random(11);
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.bulk(g -> {
                List<GitHistory.Change> initial = new ArrayList<>();
                initial.add(GitHistory.file("broker/__init__.py", ""));
                initial.add(GitHistory.file("broker/client.py", "VERSION = 0\n"));
                for (int i = 0; i < 200; i++) {
                    initial.add(GitHistory.file("web/src/f" + i + ".js", "v0 " + i));
                }
                g.commit("initial import", initial.toArray(GitHistory.Change[]::new));
                for (int i = 1; i < commits; i++) {
                    if (i % every == 0) {
                        g.commit("broker change " + i, "broker/client.py", "VERSION = " + i + "\n");
                    } else {
                        g.commit("web change " + i, "web/src/f" + random.nextInt(200) + ".js", "v" + i);
                    }
                }
            });
        }
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("one.key"), "BenchKeyOne0000000001");
        Files.writeString(dir.resolve("one.secret"), "bench-secret-one-0001");
        Files.writeString(dir.resolve("config.yaml"), """
                version: 1
                target:
                  repo: repo
                  module: {paths: [broker/]}
                  probe:
                    command: [/bin/sh, -c, "sleep %s"]
                    timeout: 30s
                venue: crypto-com-exchange-v1
                calls:
                  - {name: balance, method: private/user-balance}
                environments:
                  - name: one
                    credentials: {api_key: "${file:one.key}", api_secret: "${file:one.secret}"}
                    upstream: sim:bench
                simulators: {bench: scenario.yaml}
                commits: {range: HEAD}
                """.formatted(sleep));
    }
}
