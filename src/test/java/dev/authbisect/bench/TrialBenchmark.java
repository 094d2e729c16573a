package dev.authbisect.bench;

import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: what a trial costs inside {@code authbisect run --jobs 1} against the same probe
 * run by hand against the same upstream, both measured in one run.
 * <ul>
 *   <li>authbisect: a history where every commit changes the module {@code broker/}, so each
 *       commit is a module version and a trial (one environment, the simulator upstream, no
 *       build). Two fresh {@code run --jobs 1} processes per round on the same cache-less set-up,
 *       one over {@code bench.small} commits (default 4), one over {@code bench.large} (default
 *       36); the marginal wall time of a trial is their difference over the difference in
 *       trials, so JVM start, history, the simulator, the reference row and the report's fixed
 *       cost cancel out. Each launcher ({@code java -jar}, and {@code target/authbisect} when built);</li>
 *   <li>by hand: the same probe (a stdlib-only Python script making {@code bench.calls} signed calls, default 3),
 *       started {@code bench.large} times one after the other from this JVM with the module folder of a
 *       checkout and a simulator of the same scenario; its wall time per run.</li>
 * </ul>
 * It prints both sides, the ratio (issue 18's goal: a trial ≤ 1.25× the probe by hand) and the
 * harness's own time per trial, marginal trial minus the probe by hand, against the probe's time
 * (issue 14's goal: ≤ 10% for a minimal probe: this probe with {@code -Dbench.calls=1}).
 * {@code -Dbench.jfr=DIR} records each authbisect run with Java Flight Recorder into DIR (for
 * {@code jfr print}/{@code jfr summary}; the recording costs time of its own); {@code -Dbench.keep=true}
 * keeps the set-up, caches and reports.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.TrialBenchmark</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first; about 1–2 minutes)
 */
public final class TrialBenchmark {
    private static final String SCENARIO = """
            venue: crypto-com-exchange-v1
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys:
              - {label: bench, api_key: BenchKeyOne0000000001, secret: bench-secret-one-0001, permissions: [read]}
            """;
    private static final List<String[]> CALLS = List.of(
            new String[] {"open_orders", "private/get-open-orders"},
            new String[] {"balance", "private/user-balance"},
            new String[] {"order_history", "private/get-order-history"});

    private TrialBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int small = Integer.getInteger("bench.small", 4);
        int large = Integer.getInteger("bench.large", 36);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int calls = Math.max(1, Math.min(CALLS.size(), Integer.getInteger("bench.calls", 3)));
        String jfr = System.getProperty("bench.jfr");
        Path jar = Bench.jar();
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("authbisect-trial-bench");
        try {
            setUp(dir, large + 1, calls);
            out.println(Bench.machine());
            out.printf(Locale.ROOT, "history: %d commits, each changing broker/ (one module version each); one environment,"
                    + " %d call(s), simulator upstream, no build; runs over %d and %d commits, %d rounds%s%n",
                    large + 1, calls, small, large, rounds, TIME == null ? "" : "; CPU from " + TIME + " (user + system, probes included)");
            List<String[]> launchers = Bench.launchers(jar);
            List<List<double[]>> marginal = new ArrayList<>();
            launchers.forEach(l -> marginal.add(new ArrayList<>()));
            List<double[]> byHand = new ArrayList<>();
            List<List<double[]>> inside = new ArrayList<>();
            launchers.forEach(l -> inside.add(new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < launchers.size(); i++) {
                    String[] launcher = launchers.get(i);
                    double[] s = run(dir, launcher, small, round, jfr);
                    double[] l = run(dir, launcher, large, round, jfr);
                    double[] perTrial = {(l[0] - s[0]) / (large - small), (l[1] - s[1]) / (large - small)};
                    marginal.get(i).add(perTrial);
                    double[] journal = fromJournal(dir.resolve("report-" + tag(launcher, large, round)).resolve("journal.jsonl"));
                    inside.get(i).add(journal);
                    out.printf(Locale.ROOT, "round %d, %s: run over %d commits %.0f ms, over %d commits %.0f ms: %.1f ms per trial%s"
                                    + " (load %s)%n", round, launcher[0], small, s[0], large, l[0], perTrial[0],
                            cpu(perTrial[1]), Bench.load());
                    out.printf(Locale.ROOT, "round %d, %s, inside the run over %d commits (journal): probe process %.1f ms,"
                            + " the harness between two probes %.1f ms (medians)%n", round, launcher[0], large, journal[0], journal[1]);
                }
                double[] hand = byHand(dir, large, calls);
                byHand.add(hand);
                out.printf(Locale.ROOT, "round %d, the probe by hand: %.1f ms per run%s (%d runs, load %s)%n", round, hand[0],
                        cpu(hand[1]), large, Bench.load());
            }
            double hand = median(byHand, 0);
            double handCpu = median(byHand, 1);
            out.printf(Locale.ROOT, "the probe by hand, ms per run, median (min–max): %s%s%n", Bench.range(column(byHand, 0)),
                    TIME == null ? "" : "; CPU " + Bench.range(column(byHand, 1)));
            for (int i = 0; i < launchers.size(); i++) {
                double trial = median(marginal.get(i), 0);
                double trialCpu = median(marginal.get(i), 1);
                out.printf(Locale.ROOT, "%s: a trial in run --jobs 1, ms, median (min–max): %s; trial / probe by hand: %.2f×"
                                + " (goal ≤ 1.25×); harness's own time per trial %.1f ms = %.0f%% of the probe's %.1f ms (goal ≤ 10%%)%n",
                        launchers.get(i)[0], Bench.range(column(marginal.get(i), 0)), trial / hand, trial - hand,
                        (trial - hand) * 100 / hand, hand);
                double probe = median(inside.get(i), 0);
                double own = median(inside.get(i), 1);
                out.printf(Locale.ROOT, "%s: inside one run (its journal: no run-to-run noise): the harness's own time"
                                + " per trial %.1f ms against the probe process's %.1f ms = %.0f%% (goal ≤ 10%%)%n",
                        launchers.get(i)[0], own, probe, own * 100 / probe);
                if (TIME != null) {
                    out.printf(Locale.ROOT, "%s: CPU per trial %.1f ms against the probe's %.1f ms by hand: the harness's own CPU per"
                                    + " trial %.1f ms = %.0f%% of the probe's (the in-process simulator's included)%n",
                            launchers.get(i)[0], trialCpu, handCpu, trialCpu - handCpu, (trialCpu - handCpu) * 100 / handCpu);
                }
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                out.println("kept " + dir);
            } else {
                GitCli.run(dir.resolve("repo"), "worktree", "prune");
                Bench.deleteQuietly(dir);
            }
        }
    }

    /** GNU time, for the CPU time of a command and the children it waited for; null when this machine has none. */
    private static final String TIME = Files.isExecutable(Path.of("/usr/bin/time")) ? "/usr/bin/time" : null;

    private static String cpu(double ms) {
        return Double.isNaN(ms) ? "" : String.format(Locale.ROOT, ", CPU %.1f ms", ms);
    }

    private static List<Double> column(List<double[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toList();
    }

    private static double median(List<double[]> rows, int i) {
        return Bench.median(column(rows, i));
    }

    /** {@code command} prefixed with GNU time when there is one, so its output ends with "BENCH_CPU user system". */
    private static List<String> timed(List<String> command) {
        List<String> out = new ArrayList<>();
        if (TIME != null) {
            out.addAll(List.of(TIME, "-f", "BENCH_CPU %U %S"));
        }
        out.addAll(command);
        return out;
    }

    /** The CPU ms GNU time reported in {@code output}, NaN without GNU time. */
    private static double cpuMs(String output) {
        int at = output.lastIndexOf("BENCH_CPU ");
        if (at < 0) {
            return Double.NaN;
        }
        String[] f = output.substring(at + 10).strip().split("\\s+");
        return (Double.parseDouble(f[0]) + Double.parseDouble(f[1])) * 1000;
    }

    private static String tag(String[] launcher, int commits, int round) {
        return launcher[0].replaceAll("\\W", "") + "-" + commits + "-" + round;
    }

    /**
     * From a run's journal: the median wall time of the probe process per trial ({@code duration_ms}:
     * spawn to the end of its output) and the median of what the harness spent between two probes
     * (the time between consecutive trials' journal lines minus the later trial's probe).
     */
    private static double[] fromJournal(Path journal) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Double> probes = new ArrayList<>();
        List<Double> between = new ArrayList<>();
        java.time.Instant last = null;
        for (String line : Files.readAllLines(journal)) {
            com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
            if (!"trial".equals(e.path("event").asText())) {
                continue;
            }
            java.time.Instant at = java.time.Instant.parse(e.path("at").asText());
            double probe = e.path("duration_ms").asDouble();
            probes.add(probe);
            if (last != null) {
                between.add(java.time.Duration.between(last, at).toNanos() / 1e6 - probe);
            }
            last = at;
        }
        if (between.isEmpty()) {
            throw new IllegalStateException(journal + " has fewer than two trials");
        }
        return new double[] {Bench.median(probes), Bench.median(between)};
    }

    /** Wall and CPU time of one fresh {@code run --jobs 1} over the last {@code commits} commits, empty cache, in ms. */
    private static double[] run(Path dir, String[] launcher, int commits, int round, String jfr) throws IOException {
        String tag = tag(launcher, commits, round);
        List<String> command = new ArrayList<>(List.of(launcher).subList(1, launcher.length));
        Map<String, String> env = Map.of();
        if (jfr != null) {
            Files.createDirectories(Path.of(jfr));
            String option = "-XX:StartFlightRecording=filename=" + Path.of(jfr, tag + ".jfr").toAbsolutePath() + ",settings=profile";
            if (command.get(0).endsWith("java")) {
                command.add(1, option);
            } else {
                env = Map.of("AUTHBISECT_JAVA_OPTS", option);
            }
        }
        command.addAll(List.of("run", "--config", dir.resolve("config.yaml").toString(), "--range", "HEAD~" + commits + "..HEAD",
                "--cache", dir.resolve("cache-" + tag).toString(), "--out", dir.resolve("report-" + tag).toString(), "--jobs", "1"));
        long t = System.nanoTime();
        String output = Bench.exec(dir, env, timed(command).toArray(String[]::new));
        double ms = (System.nanoTime() - t) / 1e6;
        if (!Files.exists(dir.resolve("report-" + tag).resolve("result.json"))) {
            throw new IllegalStateException("no report from " + String.join(" ", command) + ":\n" + output);
        }
        if (!Boolean.getBoolean("bench.keep")) {
            Bench.deleteQuietly(dir.resolve("cache-" + tag));
        }
        return new double[] {ms, cpuMs(output)};
    }

    /**
     * The probe run {@code count} times by hand, one after the other from a shell loop, against a
     * simulator of the same scenario (in this JVM): wall and CPU ms per run.
     */
    private static double[] byHand(Path dir, int count, int calls) throws Exception {
        Path worktree = dir.resolve("worktree");
        if (!Files.isDirectory(worktree)) {
            GitCli.run(dir.resolve("repo"), "worktree", "add", "-q", "--detach", worktree.toString(), "HEAD");
        }
        String callNames = String.join(",", CALLS.subList(0, calls).stream().map(c -> c[0]).toList());
        try (SimulatorServer sim = SimulatorServer.start(Scenario.load(dir.resolve("scenario.yaml")), 0)) {
            Map<String, String> env = new java.util.HashMap<>();
            env.put("EX_BASE", sim.apiUrl().toString());
            env.put("EX_KEY", "BenchKeyOne0000000001");
            env.put("EX_SECRET", "bench-secret-one-0001");
            env.put("AUTHBISECT_MODULE_DIR", worktree.toString());
            env.put("AUTHBISECT_CALLS", callNames);
            env.put("AUTHBISECT_FIXED_TIME_MS", Long.toString(sim.nowMillis()));
            env.put("NO_PROXY", "127.0.0.1");
            String loop = "i=0; while [ $i -lt \"$1\" ]; do python3 probe.py > probe.out || { cat probe.out; exit 1; }; "
                    + "grep -q '\"code\": 0' probe.out || { cat probe.out; exit 1; }; i=$((i+1)); done";
            String first = Bench.exec(dir, env, "sh", "-c", loop, "sh", "1"); // the simulator's first request, as the run's reference row is
            if (!first.isBlank()) {
                throw new IllegalStateException("the probe by hand failed: " + first);
            }
            long t = System.nanoTime();
            String output = Bench.exec(dir, env, timed(List.of("sh", "-c", loop, "sh", Integer.toString(count))).toArray(String[]::new));
            double ms = (System.nanoTime() - t) / 1e6;
            if (!output.strip().startsWith("BENCH_CPU") && !output.isBlank()) {
                throw new IllegalStateException("the probe by hand failed: " + output);
            }
            return new double[] {ms / count, cpuMs(output) / count};
        }
    }

    private static void setUp(Path dir, int commits, int calls) throws IOException {
        String client = Bench.resource("/pipeline/client_v1.py") + """

                    def order_history(self):
                        return self._call("private/get-order-history", {"page_size": 20})
                """;
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.bulk(g -> {
                g.commit("initial import", GitHistory.file("broker/__init__.py", ""),
                        GitHistory.file("broker/client.py", client + "\nVERSION = 0\n"));
                for (int i = 1; i < commits; i++) {
                    g.commit("broker change " + i, "broker/client.py", client + "\nVERSION = " + i + "\n");
                }
            });
        }
        Files.writeString(dir.resolve("probe.py"), Bench.resource("/pipeline/probe.py"));
        Files.writeString(dir.resolve("scenario.yaml"), SCENARIO);
        Files.writeString(dir.resolve("one.key"), "BenchKeyOne0000000001");
        Files.writeString(dir.resolve("one.secret"), "bench-secret-one-0001");
        StringBuilder callsYaml = new StringBuilder();
        for (String[] c : CALLS.subList(0, calls)) {
            callsYaml.append("  - {name: ").append(c[0]).append(", method: ").append(c[1])
                    .append(c[0].equals("order_history") ? ", params: {page_size: 20}" : "").append("}\n");
        }
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
                """ + callsYaml + """
                environments:
                  - name: one
                    credentials: {api_key: "${file:one.key}", api_secret: "${file:one.secret}"}
                    upstream: sim:bench
                simulators: {bench: scenario.yaml}
                commits: {range: HEAD}
                """);
    }
}
