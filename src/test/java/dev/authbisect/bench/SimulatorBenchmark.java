package dev.authbisect.bench;

import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Throughput of the simulator, cold against warm (not a test). Each round starts the simulator
 * as a fresh process, {@code java -jar target/authbisect.jar sim --scenario harness-config/sim/seed-rca.yaml}
 * (as every {@code run} and {@code bisect} starts a fresh one; {@code sim} says it is ready after its
 * warm-up, and the time from launch to ready is printed too), and 2 clients in this JVM send
 * signed {@code private/get-order-history} requests over keep-alive HTTP, one after the other per
 * client, with the relay's trusted egress header. The clients warm up first against a simulator of
 * their own, so "cold" is the server's coldness alone: the first {@code bench.coldSeconds} (2 s)
 * of requests; "warm" is {@code bench.seconds} (5 s) after {@code bench.warmupSeconds} (10 s) more.
 * Prints both per round with the ratio and p50/p99 latency, then the range over
 * {@code bench.rounds} (3) rounds; with {@code target/authbisect} (the launcher) built, its rounds too.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.SimulatorBenchmark</pre>
 * (needs {@code target/authbisect.jar}: {@code mvn -B -q verify -DskipTests} first)
 */
public final class SimulatorBenchmark {
    private static final String KEY = "raHZAk1MDkAWviDpcBxAWU";
    private static final String SECRET = "demo-secret-aws-key-3-1";
    private static final int CLIENTS = 2;
    private static final Pattern V1 = Pattern.compile("(?m)^v1\\s+(\\S+)$");
    private static final Pattern TOKEN = Pattern.compile(SimulatorServer.RELAY_TOKEN_HEADER + ": ([0-9a-f]+)");

    private SimulatorBenchmark() {
    }

    /** A simulator as the clients see it. */
    record Target(String v1Url, String trustToken, long nowMillis) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        long cold = Long.getLong("bench.coldSeconds", 2);
        long warmup = Long.getLong("bench.warmupSeconds", 10);
        long warm = Long.getLong("bench.seconds", 5);
        Path scenario = Path.of("harness-config/sim/seed-rca.yaml").toAbsolutePath();
        System.out.println(Bench.machine());
        System.out.printf(Locale.ROOT, "simulator, %d keep-alive clients, signed private/get-order-history, fresh simulator process per round%n",
                CLIENTS);
        try (SimulatorServer own = SimulatorServer.start(Scenario.load(scenario), 0)) {
            run(new Target(own.url("/exchange/v1").toString(), own.trustToken(), own.nowMillis()), Duration.ofSeconds(warmup)); // the clients' warm-up
        }
        for (String[] launcher : Bench.launchers(Bench.jar())) {
            List<Double> colds = new ArrayList<>();
            List<Double> warms = new ArrayList<>();
            List<String> ratios = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                List<String> command = new ArrayList<>(List.of(launcher).subList(1, launcher.length));
                command.addAll(List.of("sim", "--scenario", scenario.toString()));
                long launched = System.nanoTime();
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                try {
                    Target target = target(p);
                    double readyMs = (System.nanoTime() - launched) / 1e6;
                    long[] c = run(target, Duration.ofSeconds(cold));
                    run(target, Duration.ofSeconds(warmup));
                    long[] w = run(target, Duration.ofSeconds(warm));
                    double coldRate = c.length / (double) cold;
                    double warmRate = w.length / (double) warm;
                    colds.add(coldRate);
                    warms.add(warmRate);
                    ratios.add(String.format(Locale.ROOT, "%.2f", coldRate / warmRate));
                    Arrays.sort(c);
                    Arrays.sort(w);
                    System.out.printf(Locale.ROOT, "%s round %d: ready %.0f ms after launch | cold (first %d s) %.0f requests/s, p50 %.2f ms, p99 %.2f ms | warm (%d s"
                                    + " after %d s) %.0f requests/s, p50 %.2f ms, p99 %.2f ms | cold/warm %.2f%n", launcher[0], r, readyMs, cold, coldRate,
                            percentile(c, 0.5) / 1e6, percentile(c, 0.99) / 1e6, warm, cold + warmup, warmRate, percentile(w, 0.5) / 1e6,
                            percentile(w, 0.99) / 1e6, coldRate / warmRate);
                } finally {
                    p.destroy();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            System.out.printf(Locale.ROOT, "%s: cold %s requests/s, warm %s requests/s, cold/warm %s (median (min–max) of %d rounds)%n",
                    launcher[0], Bench.range(colds), Bench.range(warms), ratios, rounds);
        }
    }

    /** Reads the simulator's start-up lines: its v1 URL and trust token. */
    private static Target target(Process p) throws java.io.IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("press Ctrl-C")) {
                Matcher v1 = V1.matcher(seen);
                Matcher token = TOKEN.matcher(seen);
                if (v1.find() && token.find()) {
                    Thread drain = new Thread(() -> {
                        try {
                            in.transferTo(java.io.Writer.nullWriter());
                        } catch (java.io.IOException ignored) {
                            // the simulator stopped
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    // seed-rca runs on a fixed clock
                    return new Target(v1.group(1), token.group(1), java.time.Instant.parse("2025-12-19T08:00:00Z").toEpochMilli());
                }
            }
        }
        throw new IllegalStateException("the simulator did not start:\n" + seen);
    }

    /** Latencies of every request the clients completed within {@code duration}. */
    private static long[] run(Target sim, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(pool.submit(() -> client(sim, deadline)));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            return all.stream().flatMapToLong(Arrays::stream).toArray();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static long[] client(Target sim, long deadline) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
        MediaType json = MediaType.get("application/json");
        String method = "private/get-order-history";
        long nonce = sim.nowMillis();
        List<Request> requests = new ArrayList<>(); // signed up front: the clients measure the server, not their own HMACs
        for (int i = 0; i < 100; i++) {
            String sig = CanonicalParams.hmacHex(SECRET, CanonicalParams.stringToSign(method, Long.toString(nonce), KEY,
                    "limit" + i, Long.toString(nonce)));
            String body = "{\"id\":" + nonce + ",\"method\":\"" + method + "\",\"params\":{\"limit\":" + i + "},\"api_key\":\""
                    + KEY + "\",\"sig\":\"" + sig + "\",\"nonce\":" + nonce + "}";
            requests.add(new Request.Builder().url(sim.v1Url() + "/" + method)
                    .header(SimulatorServer.EGRESS_IP_HEADER, "47.130.143.159")
                    .header(SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken())
                    .post(RequestBody.create(body, json)).build());
        }
        long[] latencies = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < deadline) {
            Request request = requests.get(n % requests.size());
            long t0 = System.nanoTime();
            try (Response r = http.newCall(request).execute()) {
                String text = r.body().string();
                if (r.code() != 200 || !text.contains("\"code\":0")) {
                    throw new IllegalStateException("unexpected answer " + r.code() + ": " + r.header(SimulatorServer.REASON_HEADER));
                }
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = System.nanoTime() - t0;
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        return Arrays.copyOf(latencies, n);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
