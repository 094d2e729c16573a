package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RelayTest {
    static final Credentials PROD = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    static SimulatorServer sim;
    static Relay relay;
    static final OkHttpClient HTTP = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();

    @BeforeAll
    static void start() {
        sim = SimulatorServer.start(Scenario.load(Path.of("harness-config/sim/seed-rca.yaml")), 0);
        relay = Relay.start(VENUE);
    }

    @AfterAll
    static void stop() {
        relay.close();
        sim.close();
    }

    private TrialTarget simTarget(String egressIp) {
        return new TrialTarget("t", "prod", PROD, sim.url("/exchange/v1"),
                Map.of(SimulatorServer.EGRESS_IP_HEADER, egressIp, SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken()),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2), true);
    }

    private Response post(URI base, RawRequest r) throws IOException {
        return HTTP.newCall(new Request.Builder().url(base + r.path())
                .post(RequestBody.create(r.body(), MediaType.parse("application/json"))).build()).execute();
    }

    @Test
    void aSignedCallIsForwardedRecordedAndCheckedUnderItsAnnouncedCall() throws IOException {
        TrialSession s = relay.open(simTarget("47.130.143.159"));
        RawRequest signed = VENUE.sign(CallSpec.of("get_open_orders", "private/get-open-orders"), PROD, sim.nowMillis());
        post(s.controlUrl(), RawRequest.post("/call/get_open_orders", "")).close();
        try (Response r = post(s.relayUrl(), signed)) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("\"code\":0"));
        }
        TrialRecord rec = s.finish();
        assertEquals(java.util.List.of("get_open_orders"), rec.announced());
        RecordedExchange e = rec.exchangesFor("get_open_orders").get(0);
        assertEquals("private/get-open-orders", e.venueMethod());
        assertEquals(SignatureCheck.Status.VALID, e.signature().status());
        assertEquals(Outcome.OK, e.classification().outcome());
    }

    @Test
    void theSimulatorSeesTheEnvironmentsEgressIpAndItsReasonIsKept() throws IOException {
        TrialSession s = relay.open(simTarget("203.0.113.7"));
        RawRequest signed = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        try (Response r = post(s.relayUrl(), signed)) {
            assertEquals(401, r.code());
            assertEquals(null, r.header(SimulatorServer.REASON_HEADER), "the code must not see the simulator's reason");
        }
        RecordedExchange e = s.finish().exchanges().get(0);
        assertEquals(Outcome.AUTH_REJECTED, e.classification().outcome());
        assertEquals(40101, e.classification().venueCode());
        assertTrue(e.simReason().contains("203.0.113.7"), e.simReason());
    }

    @Test
    void anUnknownOrFinishedPrefixGets404AndIsNeverForwarded() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        upstream.start();
        try {
            TrialSession s = relay.open(new TrialTarget("t", "e", PROD, URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()),
                    Map.of(), Optional.empty(), null, null, false));
            URI prefix = s.relayUrl();
            s.finish();
            try (Response r = post(prefix, RawRequest.post("/private/get-open-orders", "{}"))) {
                assertEquals(404, r.code());
            }
            try (Response r = post(URI.create(relay.baseUri() + "/0123456789abcdef0123456789abcdef"), RawRequest.post("/private/x", "{}"))) {
                assertEquals(404, r.code());
            }
            assertEquals(0, hits.get());
            assertTrue(relay.rejected().stream().anyMatch(x -> x.startsWith("POST /01234567…")), relay.rejected().toString());
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void anUpstreamThatRefusesConnectionsIsATransportErrorAnswered502() throws IOException {
        int closedPort;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = ss.getLocalPort();
        }
        TrialSession s = relay.open(new TrialTarget("t", "e", PROD, URI.create("http://127.0.0.1:" + closedPort + "/exchange/v1"),
                Map.of(), Optional.empty(), Duration.ofMillis(500), Duration.ofMillis(500), false));
        try (Response r = post(s.relayUrl(), RawRequest.post("/private/get-open-orders", "{}"))) {
            assertEquals(502, r.code());
        }
        RecordedExchange e = s.finish().exchanges().get(0);
        assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome());
        assertTrue(e.transportError().startsWith("connection refused by 127.0.0.1:" + closedPort), e.transportError());
    }

    @Test
    void aLiveUpstreamIsReachedThroughTheEnvironmentsProxy() throws IOException {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] body = "{\"id\":1,\"method\":\"private/get-open-orders\",\"code\":0,\"result\":{\"data\":[]}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        proxy.start();
        try {
            TrialSession s = relay.open(new TrialTarget("t", "prod", PROD, URI.create("http://api.exchange.invalid/exchange/v1"),
                    Map.of(), Optional.of(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort())), null, null, false));
            RawRequest signed = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, 1766131200000L);
            try (Response r = post(s.relayUrl(), signed)) {
                assertEquals(200, r.code());
            }
            assertEquals(java.util.List.of("POST http://api.exchange.invalid/exchange/v1/private/get-open-orders"), seen);
            assertEquals(Outcome.OK, s.finish().exchanges().get(0).classification().outcome());
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void aRequestStillWaitingForTheUpstreamWhenTheTrialEndsIsATransportError() throws IOException {
        try (ServerSocket blackhole = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            TrialSession s = relay.open(new TrialTarget("t", "e", PROD, URI.create("http://127.0.0.1:" + blackhole.getLocalPort()),
                    Map.of(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5), false));
            s.announce("get_open_orders");
            OkHttpClient impatient = HTTP.newBuilder().readTimeout(Duration.ofMillis(300)).build();
            try (Response r = impatient.newCall(new Request.Builder().url(s.relayUrl() + "/private/get-open-orders")
                    .post(RequestBody.create("{}", MediaType.parse("application/json"))).build()).execute()) {
                throw new AssertionError("the blackhole answered: " + r.code());
            } catch (java.net.SocketTimeoutException expected) {
                // the code gave up first, as a probe with a short timeout does
            }
            RecordedExchange e = s.finish().exchangesFor("get_open_orders").get(0);
            assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome());
            assertEquals("the trial ended before the upstream answered", e.transportError());
        }
    }

    @Test
    void aHeaderValueWithNonAsciiCharactersIsForwardedNotDropped() throws IOException {
        TrialSession s = relay.open(simTarget("47.130.143.159"));
        RawRequest signed = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        okhttp3.Headers headers = new okhttp3.Headers.Builder().addUnsafeNonAscii("User-Agent", "bot (café)").build();
        try (Response r = HTTP.newCall(new Request.Builder().url(s.relayUrl() + signed.path()).headers(headers)
                .post(RequestBody.create(signed.body(), MediaType.parse("application/json"))).build()).execute()) {
            assertEquals(200, r.code());
        }
        assertEquals(Outcome.OK, s.finish().exchanges().get(0).classification().outcome());
    }

    @Test
    void theEgressSentinelRefusesAndRecordsPlainAndTunnelledAttempts() throws IOException {
        TrialSession s = relay.open(simTarget("47.130.143.159"));
        URI proxy = s.proxyUrl();
        assertEquals("HTTP/1.1 403 Forbidden", rawProxyRequest(proxy, "GET http://api.ipify.org/?format=json HTTP/1.1\r\nHost: api.ipify.org\r\n\r\n"));
        assertEquals("HTTP/1.1 403 Forbidden", rawProxyRequest(proxy, "CONNECT api.crypto.com:443 HTTP/1.1\r\nHost: api.crypto.com:443\r\n\r\n"));
        TrialRecord rec = s.finish(); // the sentinel records an attempt before it answers
        assertEquals("GET http://api.ipify.org/?…", rec.egress().get(0).describe());
        assertEquals("CONNECT api.crypto.com:443", rec.egress().get(1).describe());
    }

    private static String rawProxyRequest(URI proxy, String request) throws IOException {
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        }
    }
}
