package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.Credentials;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The relay's clock check: a request's nonce against the simulator's clock or a live upstream's Date header. */
class RelayClockCheckTest {
    static final Credentials PROD = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    static final OkHttpClient HTTP = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();
    static final long SIM = Instant.parse("2025-12-19T08:00:00Z").toEpochMilli();
    static final long HOST = Instant.parse("2026-12-02T01:00:00Z").toEpochMilli();
    static final Duration WINDOW = Duration.ofSeconds(60);

    private static RawRequest signedAt(long nowMillis) {
        return VENUE.sign(CallSpec.of("get_open_orders", "private/get-open-orders"), PROD, nowMillis);
    }

    @Test
    void aHostClockNonceUnderTheSimulatorsFixedClockIsOutsideAndFollowsTheHost() {
        ClockCheck c = ClockChecker.check(VENUE, signedAt(HOST), new UpstreamClock.FixedSimulator(SIM, WINDOW), Map.of(),
                HOST + 15);
        assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, c.status());
        assertEquals(ClockCheck.Clock.FIXED_SIMULATOR, c.clock());
        assertTrue(c.followsHostClock());
        assertEquals("nonce 2026-12-02T01:00:00Z is 348 days after the simulator's clock 2025-12-19T08:00:00Z (window 60 s)",
                c.summary());
        assertEquals("2026-12-02T01:00:00Z", c.requestTime());
        assertEquals("2025-12-19T08:00:00Z", c.upstreamTime());
    }

    @Test
    void aNonceThatFollowsTheFixedClockIsInTheWindow() {
        ClockCheck c = ClockChecker.check(VENUE, signedAt(SIM), new UpstreamClock.FixedSimulator(SIM, WINDOW), Map.of(), HOST);
        assertEquals(ClockCheck.Status.IN_WINDOW, c.status());
        assertFalse(c.followsHostClock());
        assertEquals("nonce 2025-12-19T08:00:00Z matches the simulator's clock 2025-12-19T08:00:00Z (window 60 s)", c.summary());
    }

    @Test
    void aNonceInSecondsFollowsNeitherClock() {
        ClockCheck c = ClockChecker.check(VENUE, signedAt(HOST / 1000), new UpstreamClock.FixedSimulator(SIM, WINDOW), Map.of(),
                HOST);
        assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, c.status());
        assertFalse(c.followsHostClock(), "the code computes its nonce wrongly: not a harness matter");
        assertTrue(c.summary().contains("56 years before the simulator's clock"), c.summary());
    }

    @Test
    void aSkewedSimulatorComparesWithTheHostClockShifted() {
        ClockCheck c = ClockChecker.check(VENUE, signedAt(HOST), new UpstreamClock.Simulator(Duration.ofMinutes(-5), WINDOW),
                Map.of(), HOST);
        assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, c.status());
        assertEquals("nonce 2026-12-02T01:00:00Z is 5 min after the simulator's clock 2026-12-02T00:55:00Z (window 60 s)", c.summary());
        assertEquals(-300_000, c.hostBehindMillis(), "the simulator runs 5 minutes behind this host");
    }

    @Test
    void aLiveUpstreamsDateHeaderIsItsClock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(HOST + 300_000).atOffset(ZoneOffset.UTC));
        ClockCheck c = ClockChecker.check(VENUE, signedAt(HOST), new UpstreamClock.DateHeader(), Map.of("Date", List.of(date)), HOST);
        assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, c.status());
        assertTrue(c.followsHostClock());
        assertEquals(300_000, c.hostBehindMillis(), "this host is 5 minutes behind the venue");
        assertEquals("nonce 2026-12-02T01:00:00Z is 5 min before the upstream's clock (Date header) 2026-12-02T01:05:00Z"
                + " (window 60 s)", c.summary());
        ClockCheck sameSecond = ClockChecker.check(VENUE, signedAt(HOST + 400), new UpstreamClock.DateHeader(),
                Map.of("date", List.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(HOST).atOffset(ZoneOffset.UTC)))),
                HOST + 400);
        assertEquals(ClockCheck.Status.IN_WINDOW, sameSecond.status());
        assertEquals(0, sameSecond.offsetMillis(), "Date has one-second resolution");
    }

    @Test
    void requestsWithoutANonceOrAnswersWithoutADateAreNotChecked() {
        assertEquals(ClockCheck.Status.NOT_CHECKED, ClockChecker.check(VENUE, RawRequest.get("/public/get-tickers", ""),
                new UpstreamClock.FixedSimulator(SIM, WINDOW), Map.of(), HOST).status());
        assertEquals(ClockCheck.Status.NOT_CHECKED, ClockChecker.check(VENUE, RawRequest.post("/private/x",
                "{\"id\":1,\"method\":\"private/x\",\"nonce\":\"soon\"}"), new UpstreamClock.FixedSimulator(SIM, WINDOW), Map.of(),
                HOST).status());
        assertEquals(ClockCheck.Status.NOT_CHECKED, ClockChecker.check(VENUE, signedAt(HOST), new UpstreamClock.DateHeader(),
                Map.of("Date", List.of("yesterday")), HOST).status());
        assertEquals(ClockCheck.Status.NOT_CHECKED, ClockChecker.check(VENUE, signedAt(HOST), new UpstreamClock.None(), Map.of(),
                HOST).status());
    }

    @Test
    void theRelayRecordsTheCheckAgainstTheSimulatorsFixedClock() throws IOException {
        Scenario scenario = Scenario.load(Path.of("harness-config/sim/seed-rca.yaml"));
        try (SimulatorServer sim = SimulatorServer.start(scenario, 0); Relay relay = Relay.start(VENUE)) {
            TrialTarget target = new TrialTarget("t", "prod", PROD, sim.url("/exchange/v1"),
                    Map.of(SimulatorServer.EGRESS_IP_HEADER, "47.130.143.159", SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken()),
                    Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2), true,
                    new UpstreamClock.FixedSimulator(scenario.fixedClockMillis().orElseThrow(), scenario.nonceWindow()));
            TrialSession s = relay.open(target);
            try (Response r = post(s.relayUrl(), signedAt(System.currentTimeMillis()))) {
                assertEquals(400, r.code(), "the simulator answers 40102 INVALID_NONCE with HTTP 400");
            }
            RecordedExchange e = s.finish().exchanges().get(0);
            assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, e.clock().status());
            assertTrue(e.clock().followsHostClock(), e.clock().toString());
            assertTrue(e.clock().summary().endsWith("after the simulator's clock 2025-12-19T08:00:00Z (window 60 s)"),
                    e.clock().summary());
        }
    }

    @Test
    void theRelayReadsALiveUpstreamsDateHeader() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(600).atOffset(ZoneOffset.UTC));
        try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); Relay relay = Relay.start(VENUE)) {
            Thread server = new Thread(() -> answerOnce(upstream, date));
            server.setDaemon(true);
            server.start();
            TrialSession s = relay.open(new TrialTarget("t", "prod", PROD, URI.create("http://127.0.0.1:" + upstream.getLocalPort()),
                    Map.of(), Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(2), false));
            try (Response r = post(s.relayUrl(), signedAt(System.currentTimeMillis()))) {
                assertEquals(200, r.code());
            }
            RecordedExchange e = s.finish().exchanges().get(0);
            assertEquals(ClockCheck.Clock.DATE_HEADER, e.clock().clock());
            assertEquals(ClockCheck.Status.OUTSIDE_WINDOW, e.clock().status(), e.clock().toString());
            assertTrue(e.clock().followsHostClock(), "this host is 10 minutes behind the upstream: " + e.clock());
        }
    }

    private static void answerOnce(ServerSocket server, String date) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            byte[] body = "{\"id\":1,\"method\":\"private/get-open-orders\",\"code\":0,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nDate: " + date + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the test's assertions report what the relay saw
        }
    }

    private static Response post(URI base, RawRequest r) throws IOException {
        return HTTP.newCall(new Request.Builder().url(base + r.path())
                .post(RequestBody.create(r.body(), MediaType.parse("application/json"))).build()).execute();
    }
}
