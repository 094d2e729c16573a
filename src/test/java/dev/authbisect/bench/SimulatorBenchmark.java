package dev.authbisect.bench;

import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Throughput and latency of the simulator (not a test): 2 concurrent clients send signed
 * {@code private/get-order-history} requests over keep-alive HTTP for a bounded time and count,
 * then requests/s and p50/p99 latency are printed.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.SimulatorBenchmark
 *   [-Dbench.seconds=10] [-Dbench.maxRequests=50000]</pre>
 */
public final class SimulatorBenchmark {
    private static final String KEY = "raHZAk1MDkAWviDpcBxAWU";
    private static final String SECRET = "demo-secret-aws-key-3-1";
    private static final int CLIENTS = 2;

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("bench.seconds", 10);
        int maxPerClient = Integer.getInteger("bench.maxRequests", 50_000) / CLIENTS;
        try (SimulatorServer sim = SimulatorServer.start(Scenario.load(Path.of("harness-config/sim/seed-rca.yaml")), 0)) {
            run(sim, Duration.ofSeconds(2), 2_000); // warm-up, not reported
            long started = System.nanoTime();
            long[] latencies = run(sim, Duration.ofSeconds(seconds), maxPerClient);
            double elapsed = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("simulator: %d clients, %d signed requests in %.1f s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms%n",
                    CLIENTS, latencies.length, elapsed, latencies.length / elapsed,
                    percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6);
        }
    }

    private static long[] run(SimulatorServer sim, Duration duration, int maxPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(pool.submit(() -> client(sim, deadline, maxPerClient)));
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

    private static long[] client(SimulatorServer sim, long deadline, int max) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
        MediaType json = MediaType.get("application/json");
        String method = "private/get-order-history";
        long nonce = sim.nowMillis();
        long[] latencies = new long[max];
        int n = 0;
        while (n < max && System.nanoTime() < deadline) {
            String params = "{\"limit\":" + (n % 100) + "}";
            String sig = CanonicalParams.hmacHex(SECRET, CanonicalParams.stringToSign(method, Long.toString(nonce), KEY,
                    "limit" + (n % 100), Long.toString(nonce)));
            String body = "{\"id\":" + nonce + ",\"method\":\"" + method + "\",\"params\":" + params + ",\"api_key\":\"" + KEY
                    + "\",\"sig\":\"" + sig + "\",\"nonce\":" + nonce + "}";
            Request request = new Request.Builder().url(sim.v1Url() + "/" + method)
                    .header(SimulatorServer.EGRESS_IP_HEADER, "47.130.143.159")
                    .header(SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken())
                    .post(RequestBody.create(body, json)).build();
            long t0 = System.nanoTime();
            try (Response r = http.newCall(request).execute()) {
                String text = r.body().string();
                if (r.code() != 200 || !text.contains("\"code\":0")) {
                    throw new IllegalStateException("unexpected answer " + r.code() + ": " + r.header(SimulatorServer.REASON_HEADER));
                }
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
