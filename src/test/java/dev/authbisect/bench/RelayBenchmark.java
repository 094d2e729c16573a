package dev.authbisect.bench;

import com.sun.net.httpserver.HttpServer;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.relay.CapturePolicy;
import dev.authbisect.relay.Relay;
import dev.authbisect.relay.TrialSession;
import dev.authbisect.relay.TrialTarget;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/**
 * The relay's cost per forwarded request (not a test): the same signed calls made directly to a
 * loopback keep-alive upstream, through the relay's trial URL, and through HTTPS capture (the code
 * calling {@code https://api.crypto.com/…} through the egress proxy), measured side by side in one
 * run, in interleaved rounds so that drift in machine load hits all three alike. Prints p50 and p99
 * per path and the relay's overhead over direct.
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dbench.main=dev.authbisect.bench.RelayBenchmark
 *   [-Dbench.requests=3000] [-Dbench.rounds=6]</pre>
 */
public final class RelayBenchmark {
    private static final Credentials CREDS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    private static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    private static final MediaType JSON = MediaType.get("application/json");

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 3000);
        int rounds = Integer.getInteger("bench.rounds", 6);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":1,\"method\":\"private/get-open-orders\",\"code\":0,\"result\":{\"data\":[]}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        URI base = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/exchange/v1");
        try (Relay relay = Relay.start(VENUE)) {
            TrialSession session = relay.open(new TrialTarget("bench", "bench", CREDS, base, Map.of(), Optional.empty(),
                    Duration.ofSeconds(5), Duration.ofSeconds(20), false, 0, new CapturePolicy(true, VENUE.apiHosts())));
            session.announce("get_open_orders");
            OkHttpClient plain = new OkHttpClient.Builder().proxy(Proxy.NO_PROXY).build();
            HandshakeCertificates trust = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(Certificates.decodeCertificatePem(Files.readString(session.caBundle()))).build();
            OkHttpClient captured = new OkHttpClient.Builder()
                    .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", session.proxyUrl().getPort())))
                    .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
            String direct = base.toString();
            String relayed = session.relayUrl().toString();
            String hardCoded = "https://api.crypto.com/exchange/v1";

            int perRound = Math.max(1, requests / rounds);
            long[] d = new long[perRound * rounds];
            long[] r = new long[perRound * rounds];
            long[] c = new long[perRound * rounds];
            measure(plain, direct, 500, new long[500], 0); // warm-up, not reported
            measure(plain, relayed, 500, new long[500], 0);
            measure(captured, hardCoded, 500, new long[500], 0);
            for (int round = 0; round < rounds; round++) {
                measure(plain, direct, perRound, d, round * perRound);
                measure(plain, relayed, perRound, r, round * perRound);
                measure(captured, hardCoded, perRound, c, round * perRound);
            }
            session.finish();
            Arrays.sort(d);
            Arrays.sort(r);
            Arrays.sort(c);
            System.out.printf("relay overhead per forwarded request, %d signed calls per path against a loopback keep-alive upstream:%n",
                    d.length);
            System.out.printf("  %-34s p50 %6.3f ms   p99 %6.3f ms%n", "direct", ms(pct(d, 0.50)), ms(pct(d, 0.99)));
            System.out.printf("  %-34s p50 %6.3f ms   p99 %6.3f ms   overhead p50 +%.3f ms, p99 +%.3f ms%n", "through the relay URL",
                    ms(pct(r, 0.50)), ms(pct(r, 0.99)), ms(pct(r, 0.50) - pct(d, 0.50)), ms(pct(r, 0.99) - pct(d, 0.99)));
            System.out.printf("  %-34s p50 %6.3f ms   p99 %6.3f ms   overhead p50 +%.3f ms, p99 +%.3f ms%n",
                    "HTTPS capture (hard-coded host)", ms(pct(c, 0.50)), ms(pct(c, 0.99)),
                    ms(pct(c, 0.50) - pct(d, 0.50)), ms(pct(c, 0.99) - pct(d, 0.99)));
            plain.dispatcher().executorService().shutdown();
            captured.dispatcher().executorService().shutdown();
        } finally {
            upstream.stop(0);
            ((java.util.concurrent.ExecutorService) upstream.getExecutor()).shutdownNow();
        }
    }

    private static void measure(OkHttpClient http, String base, int n, long[] into, int offset) throws IOException {
        for (int i = 0; i < n; i++) {
            RawRequest signed = VENUE.sign(CallSpec.of("get_open_orders", "private/get-open-orders"), CREDS, 1766131200000L + i);
            Request request = new Request.Builder().url(base + signed.path()).post(RequestBody.create(signed.body(), JSON)).build();
            long t0 = System.nanoTime();
            try (Response resp = http.newCall(request).execute()) {
                resp.body().bytes();
                if (resp.code() != 200) {
                    throw new IllegalStateException("unexpected answer " + resp.code() + " from " + base);
                }
            }
            into[offset + i] = System.nanoTime() - t0;
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
