package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.testkit.RawUpstream;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against upstreams that behave like live ones (raw loopback servers): connections that
 * close after every answer or when idle, answers that never come, 5xx pages, rate limits. Every
 * request must reach the upstream exactly once unless it provably never left.
 */
class RelayUpstreamsTest {
    static final Credentials CREDS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    static final OkHttpClient CODE = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY)
            .readTimeout(Duration.ofSeconds(20)).build();
    static Relay relay;
    static final AtomicInteger nonce = new AtomicInteger();

    @BeforeAll
    static void start() {
        relay = Relay.start(VENUE);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    static TrialTarget target(RawUpstream up, String env, Duration read, double ratePerSecond) {
        return new TrialTarget("t", env, CREDS, up.base(), Map.of(), Optional.empty(), Duration.ofSeconds(2), read, false,
                ratePerSecond, CapturePolicy.off());
    }

    /** A signed request with a distinct id and nonce, so the upstream can tell requests apart. */
    static RawRequest signed(String method) {
        return VENUE.sign(CallSpec.of("c", method), CREDS, 1766131200000L + nonce.incrementAndGet());
    }

    static int send(TrialSession s, RawRequest r) throws IOException {
        try (Response resp = CODE.newCall(new Request.Builder().url(s.relayUrl() + r.path())
                .post(RequestBody.create(r.body(), MediaType.parse("application/json"))).build()).execute()) {
            resp.body().bytes();
            return resp.code();
        }
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void assertEachReceivedOnce(RawUpstream up, List<RawRequest> sent) {
        List<String> bodies = up.received().stream().map(RawUpstream.Received::body).toList();
        for (RawRequest r : sent) {
            assertEquals(1, bodies.stream().filter(b -> b.equals(r.bodyText())).count(), "received once: " + r.bodyText());
        }
        assertEquals(sent.size(), bodies.size(), "nothing else was received: " + bodies);
    }

    @Test
    void anHttp10UpstreamThatClosesAfterEveryAnswerNeverCostsATransportError() throws IOException {
        try (RawUpstream up = RawUpstream.http10(RawUpstream::success)) {
            TrialSession s = relay.open(target(up, "http10", Duration.ofSeconds(5), 0));
            List<RawRequest> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RawRequest r = signed(i % 2 == 0 ? "private/create-order" : "private/get-open-orders");
                sent.add(r);
                assertEquals(200, send(s, r));
                if (i % 3 == 2) {
                    pause(60);
                }
            }
            TrialRecord rec = s.finish();
            assertTrue(rec.exchanges().stream().allMatch(e -> e.classification().outcome() == Outcome.OK), rec.exchanges().toString());
            assertEachReceivedOnce(up, sent);
            assertEquals(8, up.connections(), "one connection per answer, never a closed one reused");
            assertTrue(rec.upstreamReached());
        }
    }

    @Test
    void aKeepAliveUpstreamThatDropsIdleConnectionsAfter200msNeverCostsATransportError() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(Duration.ofMillis(200), RawUpstream::success)) {
            TrialSession s = relay.open(target(up, "idle", Duration.ofSeconds(5), 0));
            List<RawRequest> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RawRequest r = signed("private/create-order");
                sent.add(r);
                assertEquals(200, send(s, r));
                pause(i % 2 == 0 ? 350 : 0); // idle past the upstream's limit, then straight on
            }
            TrialRecord rec = s.finish();
            assertTrue(rec.exchanges().stream().allMatch(e -> e.classification().outcome() == Outcome.OK), rec.exchanges().toString());
            assertEachReceivedOnce(up, sent);
            assertTrue(up.connections() >= 3 && up.connections() < 6,
                    "dropped connections are replaced, live ones reused: " + up.connections());
        }
    }

    @Test
    void a502WithoutEnvelopeIsAnAnswerReceivedOnceAndNeverRetried() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> new RawUpstream.Answer(502, "<html>Bad Gateway</html>"))) {
            TrialSession s = relay.open(target(up, "bad-gateway", Duration.ofSeconds(5), 0));
            RawRequest order = signed("private/create-order");
            RawRequest read = signed("private/get-open-orders");
            assertEquals(502, send(s, order));
            assertEquals(502, send(s, read));
            TrialRecord rec = s.finish();
            assertEachReceivedOnce(up, List.of(order, read));
            RecordedExchange e = rec.exchanges().get(0);
            assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome());
            assertEquals(Optional.of(502), e.status());
            assertTrue(rec.upstreamReached(), "a 502 came from the upstream side: the trial must not run again");
            assertFalse(rec.repeatable());
        }
    }

    @Test
    void aRequestThatGotNoAnswerBeforeTheReadTimeoutIsSentOnceWithTheReason() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> new RawUpstream.Hang())) {
            TrialSession s = relay.open(target(up, "hang", Duration.ofMillis(400), 0));
            RawRequest order = signed("private/create-order");
            RawRequest read = signed("private/get-open-orders");
            assertEquals(502, send(s, order));
            assertEquals(502, send(s, read));
            TrialRecord rec = s.finish();
            assertEachReceivedOnce(up, List.of(order, read));
            for (RecordedExchange e : rec.exchanges()) {
                assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome());
                assertTrue(e.transportError().startsWith("sent, no answer after 400 ms from 127.0.0.1:" + up.port()), e.transportError());
            }
            assertTrue(rec.upstreamReached());
        }
    }

    @Test
    void aConnectionClosedWithoutAnswerIsFinalForAnOrderButAReadOnlyCallMayGoOnceMore() throws IOException {
        AtomicInteger reads = new AtomicInteger();
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> r.path().endsWith("create-order") ? new RawUpstream.Close()
                : reads.incrementAndGet() == 1 ? new RawUpstream.Close() : RawUpstream.success(r))) {
            TrialSession s = relay.open(target(up, "closing", Duration.ofSeconds(5), 0));
            RawRequest order = signed("private/create-order");
            RawRequest read = signed("private/get-open-orders");
            assertEquals(502, send(s, order));
            assertEquals(200, send(s, read));
            TrialRecord rec = s.finish();
            long orders = up.received().stream().filter(r -> r.body().equals(order.bodyText())).count();
            long readsSeen = up.received().stream().filter(r -> r.body().equals(read.bodyText())).count();
            assertEquals(1, orders, "an order is never sent twice");
            assertEquals(2, readsSeen, "the venue marks get-open-orders read-only: one more send is allowed");
            RecordedExchange o = rec.exchanges().get(0);
            assertEquals(Outcome.TRANSPORT_ERROR, o.classification().outcome());
            assertTrue(o.transportError().startsWith("sent, the connection closed without an answer"), o.transportError());
            assertEquals(Outcome.OK, rec.exchanges().get(1).classification().outcome());
        }
    }

    @Test
    void a5xxCarryingTheVenuesEnvelopeIsReadByItsCode() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> new RawUpstream.Answer(500, RawUpstream.envelope(r, 40003, "INVALID_REQUEST")))) {
            TrialSession s = relay.open(target(up, "enveloped-5xx", Duration.ofSeconds(5), 0));
            RawRequest order = signed("private/create-order");
            assertEquals(500, send(s, order));
            RecordedExchange e = s.finish().exchanges().get(0);
            assertEquals(Outcome.API_ERROR, e.classification().outcome());
            assertEquals(40003, e.classification().venueCode());
            assertEachReceivedOnce(up, List.of(order));
        }
    }

    @Test
    void theVenuesRateLimitAnswerIsRateLimitedAndItsRetryAfterHoldsTheEnvironmentBack() throws IOException {
        AtomicInteger n = new AtomicInteger();
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> switch (n.incrementAndGet()) {
            case 1 -> new RawUpstream.Answer(429, RawUpstream.envelope(r, 42901, "TOO_MANY_REQUESTS"));
            case 2 -> new RawUpstream.Answer(429, "slow down", Map.of("Retry-After", "1"));
            default -> RawUpstream.success(r);
        })) {
            TrialSession s = relay.open(target(up, "limited", Duration.ofSeconds(5), 0));
            RawRequest a = signed("private/get-open-orders");
            RawRequest b = signed("private/get-open-orders");
            RawRequest c = signed("private/get-open-orders");
            assertEquals(429, send(s, a));
            assertEquals(429, send(s, b));
            assertEquals(200, send(s, c));
            TrialRecord rec = s.finish();
            assertEquals(Outcome.RATE_LIMITED, rec.exchanges().get(0).classification().outcome());
            assertEquals(42901, rec.exchanges().get(0).classification().venueCode());
            assertEquals(Outcome.RATE_LIMITED, rec.exchanges().get(1).classification().outcome());
            assertEquals(Outcome.OK, rec.exchanges().get(2).classification().outcome());
            assertEachReceivedOnce(up, List.of(a, b, c));
            List<RawUpstream.Received> got = up.received();
            long gapMs = TimeUnit.NANOSECONDS.toMillis(got.get(2).atNanos() - got.get(1).atNanos());
            assertTrue(gapMs >= 900, "Retry-After: 1 held the next send back, gap " + gapMs + " ms");
        }
    }

    @Test
    void anEnvironmentsRateLimitSpacesSendsAcrossConcurrentTrials() throws Exception {
        try (RawUpstream up = RawUpstream.keepAlive(null, RawUpstream::success)) {
            ExecutorService jobs = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> trials = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    trials.add(jobs.submit(() -> {
                        TrialSession s = relay.open(target(up, "paced", Duration.ofSeconds(5), 10));
                        for (int i = 0; i < 4; i++) {
                            assertEquals(200, send(s, signed("private/get-open-orders")));
                        }
                        s.finish();
                        return null;
                    }));
                }
                for (Future<?> f : trials) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                jobs.shutdownNow();
            }
            List<RawUpstream.Received> got = up.received();
            assertEquals(12, got.size());
            List<Long> times = got.stream().map(RawUpstream.Received::atNanos).sorted().toList();
            // 10 per second: sends leave 100 ms apart; an arrival may shift by the forwarding latency (jitter under load)
            long spanMs = TimeUnit.NANOSECONDS.toMillis(times.get(times.size() - 1) - times.get(0));
            assertTrue(spanMs >= 11 * 100 - 40, "12 sends at 10/s span at least 1.1 s, got " + spanMs + " ms");
            // two neighbours may arrive close together when one was delayed on its way; four sends never fit in 150 ms
            for (int i = 3; i < times.size(); i++) {
                long gapMs = TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 3));
                assertTrue(gapMs >= 150, "sends " + (i - 3) + " to " + i + " only " + gapMs + " ms apart: a burst");
            }
        }
    }

    @Test
    void anotherEnvironmentIsNotHeldBackByARateLimit() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(null, RawUpstream::success)) {
            TrialSession s = relay.open(target(up, "unpaced", Duration.ofSeconds(5), 0));
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, send(s, signed("private/get-open-orders")));
            }
            s.finish();
            assertNotEquals(0, up.received().size());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        }
    }

    @Test
    void aTrialWhoseRequestsNeverLeftDidNotReachTheUpstream() throws IOException {
        int closedPort;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = ss.getLocalPort();
        }
        TrialSession s = relay.open(new TrialTarget("t", "down", CREDS, URI.create("http://127.0.0.1:" + closedPort + "/exchange/v1"),
                Map.of(), Optional.empty(), Duration.ofMillis(500), Duration.ofMillis(500), false));
        assertEquals(502, send(s, signed("private/create-order")));
        TrialRecord rec = s.finish();
        assertFalse(rec.upstreamReached(), "a refused connect sent nothing");
        assertTrue(rec.repeatable(), "the trial may run again");
        assertTrue(rec.exchanges().get(0).transportError().startsWith("connection refused by 127.0.0.1:" + closedPort));
    }
}
