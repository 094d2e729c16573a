package dev.authbisect.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.cryptocom.CryptoComVenue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReferenceClientTest {
    private static final Credentials CREDS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "canary-secret-2b8e41");
    private static final long NOW = 1766131200000L;
    private static final Venue VENUE = new CryptoComVenue();

    private static HttpServer server;
    private static URI base;
    /** What the next request gets: status and body; or, when {@code hang} is set, no answer until released. */
    private static final AtomicReference<Answer> next = new AtomicReference<>();
    private static final BlockingQueue<RawRequest> received = new LinkedBlockingQueue<>();
    private static final AtomicReference<CountDownLatch> hang = new AtomicReference<>();

    private record Answer(int status, String body) {
    }

    @BeforeAll
    static void startExchange() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ReferenceClientTest::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/exchange/v1");
    }

    @AfterAll
    static void stopExchange() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @BeforeEach
    void reset() {
        received.clear();
        hang.set(null);
        next.set(new Answer(200, "{\"id\":1,\"method\":\"private/user-balance\",\"code\":0,\"result\":{\"data\":[]}}"));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        URI uri = exchange.getRequestURI();
        received.add(new RawRequest(exchange.getRequestMethod(), uri.toString().startsWith("http") ? uri.toString() : uri.getRawPath(),
                uri.getRawQuery(), exchange.getRequestHeaders(), body));
        CountDownLatch latch = hang.get();
        if (latch != null) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer a = next.get();
        byte[] out = a.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private static CallSpec orderHistory() {
        return new CallSpec("get_order_history", "private/get-order-history", JsonNodeFactory.instance.objectNode().put("limit", 20));
    }

    /** The request as the server saw it, relative to the base URL. */
    private static RawRequest relative(RawRequest r) {
        return new RawRequest(r.method(), r.path().replaceFirst("^/exchange/v1", ""), r.query(), r.headers(), r.body());
    }

    @Test
    void anAnswerIsClassifiedAndWhatTheServerReceivedVerifiesValid() throws Exception {
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults().withHeader("X-Sim-Egress-Ip", "203.0.113.7"))) {
            ReferenceResult result = client.call(base, VENUE, orderHistory(), CREDS, NOW);
            ReferenceResult.Answered answered = assertInstanceOf(ReferenceResult.Answered.class, result);
            assertEquals(200, answered.status());
            assertEquals(Outcome.OK, answered.outcome());
            assertEquals(0, answered.classification().venueCode());
            assertEquals("application/json", answered.headers().get("content-type").get(0));
            assertTrue(answered.bodyText().contains("\"code\":0"));

            RawRequest seen = received.poll(5, TimeUnit.SECONDS);
            assertEquals("POST", seen.method());
            assertEquals("/exchange/v1/private/get-order-history", seen.path());
            assertEquals("203.0.113.7", seen.header("x-sim-egress-ip").orElseThrow());
            assertEquals(SignatureCheck.Status.VALID, VENUE.verify(relative(seen), CREDS).status());
            assertEquals(answered.sent().bodyText(), seen.bodyText());
            assertEquals("203.0.113.7", answered.sent().header("x-sim-egress-ip").orElseThrow());
        }
    }

    @Test
    void anAuthRejectionIsAnAnswerWithTheVenuesCode() {
        next.set(new Answer(401, "{\"id\":1,\"code\":40101,\"message\":\"UNAUTHORIZED\"}"));
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            ReferenceResult result = client.call(base, VENUE, orderHistory(), CREDS, NOW);
            assertEquals(new Classification(Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED", 401),
                    ((ReferenceResult.Answered) result).classification());
        }
    }

    @Test
    void aServerErrorWithoutEnvelopeIsATransportError() {
        next.set(new Answer(503, "<html>Service Unavailable</html>"));
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            ReferenceResult result = client.call(base, VENUE, orderHistory(), CREDS, NOW);
            assertEquals(503, assertInstanceOf(ReferenceResult.Answered.class, result).status());
            assertEquals(Outcome.TRANSPORT_ERROR, result.outcome());
        }
    }

    @Test
    void aPublicCallIsAGetWithItsQuery() throws Exception {
        next.set(new Answer(200, "{\"id\":-1,\"method\":\"public/get-tickers\",\"code\":0,\"result\":{}}"));
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            CallSpec tickers = new CallSpec("tickers", "public/get-tickers", JsonNodeFactory.instance.objectNode().put("instrument_name", "BTC_USDT"));
            assertEquals(Outcome.OK, client.call(base, VENUE, tickers, CREDS, NOW).outcome());
            RawRequest seen = received.poll(5, TimeUnit.SECONDS);
            assertEquals("GET", seen.method());
            assertEquals("/exchange/v1/public/get-tickers", seen.path());
            assertEquals("instrument_name=BTC_USDT", seen.query());
        }
    }

    @Test
    void aRefusedConnectionIsAFailureNotAnAnswer() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            ReferenceResult result = client.call(URI.create("http://127.0.0.1:" + closedPort + "/exchange/v1"), VENUE, orderHistory(), CREDS, NOW);
            ReferenceResult.Failed failed = assertInstanceOf(ReferenceResult.Failed.class, result);
            assertTrue(failed.error().startsWith("connection refused: 127.0.0.1:" + closedPort), failed.error());
            assertEquals(Outcome.TRANSPORT_ERROR, failed.outcome());
            assertEquals("/private/get-order-history", failed.sent().path());
        }
    }

    @Test
    void aServerThatNeverAnswersIsASentRequestWithoutAnswerAndIsNotSentAgain() {
        CountDownLatch release = new CountDownLatch(1);
        hang.set(release);
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults().withReadTimeout(Duration.ofMillis(300)))) {
            ReferenceResult result = client.call(base, VENUE, orderHistory(), CREDS, NOW);
            ReferenceResult.Failed failed = assertInstanceOf(ReferenceResult.Failed.class, result);
            assertTrue(failed.error().startsWith("sent, no answer after 300 ms: 127.0.0.1:"), failed.error());
            assertTrue(failed.latencyMs() >= 250, "latency " + failed.latencyMs());
            assertEquals(1, received.size(), "a request that timed out is never sent again, even a read-only one");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aProxyReceivesTheRequestForTheUpstreamHost() throws Exception {
        // the test server plays an HTTP proxy: it gets the absolute URL of a host that does not exist
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults()
                .withProxy(Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))))) {
            ReferenceResult result = client.call(URI.create("http://upstream.invalid/exchange/v1"), VENUE, orderHistory(), CREDS, NOW);
            assertEquals(Outcome.OK, result.outcome());
            RawRequest seen = received.poll(5, TimeUnit.SECONDS);
            assertEquals("http://upstream.invalid/exchange/v1/private/get-order-history", seen.path());
        }
    }

    @Test
    void aClientSharingAnOkHttpClientLeavesItUsableAfterClose() {
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        try {
            try (ReferenceClient first = new ReferenceClient(ReferenceClient.Options.defaults(), shared)) {
                assertEquals(Outcome.OK, first.call(base, VENUE, orderHistory(), CREDS, NOW).outcome());
            }
            try (ReferenceClient second = new ReferenceClient(ReferenceClient.Options.defaults(), shared)) {
                assertEquals(Outcome.OK, second.call(base, VENUE, orderHistory(), CREDS, NOW + 1).outcome());
            }
        } finally {
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    @Test
    void aBadProxyOrBaseUrlIsAUsageErrorNamingTheExpectedForm() {
        dev.authbisect.core.ExitException e = org.junit.jupiter.api.Assertions.assertThrows(dev.authbisect.core.ExitException.class,
                () -> new ReferenceClient(ReferenceClient.Options.defaults().withProxy(Optional.of(URI.create("ftp://proxy:21")))));
        assertEquals("proxy: expected http://host:port or socks5://host:port, got 'ftp://proxy:21'", e.getMessage());
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            dev.authbisect.core.ExitException bad = org.junit.jupiter.api.Assertions.assertThrows(dev.authbisect.core.ExitException.class,
                    () -> client.call(URI.create("htps://x/exchange/v1"), VENUE, orderHistory(), CREDS, NOW));
            assertTrue(bad.getMessage().startsWith("base URL: expected an http(s) URL"), bad.getMessage());
        }
    }

    @Test
    void resultsNeverPrintTheSecretOrTheBody() {
        try (ReferenceClient client = new ReferenceClient(ReferenceClient.Options.defaults())) {
            ReferenceResult result = client.call(base, VENUE, orderHistory(), CREDS, NOW);
            String shown = result.toString() + client;
            assertTrue(!shown.contains("canary-secret") && !shown.contains(CREDS.apiKey().reveal()), shown);
        }
    }
}
