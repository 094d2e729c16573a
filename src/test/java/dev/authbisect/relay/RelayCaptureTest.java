package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS capture: code that hard-codes the venue's URL and goes through the proxy variables is
 * terminated with the run's CA and forwarded like a relay-URL request; everything else stays
 * refused, and code that does not trust the CA gets that as its reason.
 */
class RelayCaptureTest {
    static final Credentials PROD = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    static SimulatorServer sim;
    static Relay relay;

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

    private TrialTarget target(CapturePolicy capture) {
        return new TrialTarget("t", "prod", PROD, sim.url("/exchange/v1"),
                Map.of(SimulatorServer.EGRESS_IP_HEADER, "47.130.143.159", SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken()),
                Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5), true, 0, capture);
    }

    private static CapturePolicy venueHostsAnd(String... more) {
        Set<String> hosts = new java.util.TreeSet<>(VENUE.apiHosts());
        hosts.addAll(List.of(more));
        return new CapturePolicy(true, hosts);
    }

    /** The code under test: an HTTP client that uses the probe's proxy and, if given, trusts the bundle. */
    private static OkHttpClient code(TrialSession s, boolean trustRunCa) throws IOException {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", s.proxyUrl().getPort())))
                .readTimeout(Duration.ofSeconds(10));
        if (trustRunCa) {
            X509Certificate ca = Certificates.decodeCertificatePem(Files.readString(s.caBundle()));
            HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(ca).build();
            b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager());
        }
        return b.build();
    }

    private static Response post(OkHttpClient client, String url, RawRequest r) throws IOException {
        return client.newCall(new Request.Builder().url(url)
                .post(RequestBody.create(r.body(), MediaType.parse("application/json"))).build()).execute();
    }

    @Test
    void aHardCodedVenueUrlIsCapturedVerifiedAndForwardedToTheEnvironmentsUpstream() throws IOException {
        TrialSession s = relay.open(target(venueHostsAnd()));
        OkHttpClient code = code(s, true);
        s.announce("get_open_orders");
        RawRequest orders = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        try (Response r = post(code, "https://api.crypto.com/exchange/v1/private/get-open-orders", orders)) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("\"code\":0"));
        }
        s.announce("get_account_summary");
        RawRequest summary = VENUE.sign(CallSpec.of("x", "v2/private/get-account-summary"), PROD, sim.nowMillis());
        try (Response r = post(code, "https://api.crypto.com/v2/private/get-account-summary", summary)) {
            assertEquals(200, r.code(), "a path beside the v1 base goes below the upstream's origin");
        }
        TrialRecord rec = s.finish();
        RecordedExchange e = rec.exchangesFor("get_open_orders").get(0);
        assertEquals("/private/get-open-orders", e.request().path(), "recorded like a relay-URL request");
        assertEquals(Optional.of("api.crypto.com"), e.request().header("host"));
        assertEquals("private/get-open-orders", e.venueMethod());
        assertEquals(SignatureCheck.Status.VALID, e.signature().status());
        assertEquals(Outcome.OK, e.classification().outcome());
        RecordedExchange v2 = rec.exchangesFor("get_account_summary").get(0);
        assertEquals("/v2/private/get-account-summary", v2.request().path());
        assertEquals(Outcome.OK, v2.classification().outcome());
        assertTrue(rec.egress().isEmpty(), "captured tunnels are not refused attempts: " + rec.egress());
        assertTrue(rec.upstreamReached());
        assertTrue(rec.capture().on());
    }

    @Test
    void aHostListedUnderCaptureIsCapturedToo() throws IOException {
        TrialSession s = relay.open(target(venueHostsAnd("exchange.example.test")));
        RawRequest orders = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        try (Response r = post(code(s, true), "https://exchange.example.test/exchange/v1/private/get-open-orders", orders)) {
            assertEquals(200, r.code());
        }
        assertEquals(Outcome.OK, s.finish().exchanges().get(0).classification().outcome());
    }

    @Test
    void codeThatDoesNotTrustTheRunsCaGetsThatAsItsCellsReason() throws IOException {
        TrialSession s = relay.open(target(venueHostsAnd()));
        s.announce("get_open_orders");
        RawRequest orders = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        assertThrows(javax.net.ssl.SSLHandshakeException.class,
                () -> post(code(s, false), "https://api.crypto.com/exchange/v1/private/get-open-orders", orders).close());
        TrialRecord rec = awaitExchange(s);
        RecordedExchange e = rec.exchangesFor("get_open_orders").get(0);
        assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome());
        assertTrue(e.transportError().contains("api.crypto.com") && e.transportError().contains("SSL_CERT_FILE"), e.transportError());
        assertTrue(e.transportError().startsWith("the code refused the relay's certificate")
                || e.transportError().startsWith("the code closed the connection"), e.transportError());
        assertFalse(rec.upstreamReached());
    }

    /** The handshake failure is recorded by the sentinel's thread, a moment after the client saw it. */
    private static TrialRecord awaitExchange(TrialSession s) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (s.recorded() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return s.finish();
    }

    @Test
    void withCaptureOffTheVenuesHostIsRefusedAndTheRecordSaysWhy() throws IOException {
        TrialSession s = relay.open(target(new CapturePolicy(false, VENUE.apiHosts())));
        RawRequest orders = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        IOException refused = assertThrows(IOException.class,
                () -> post(code(s, true), "https://api.crypto.com/exchange/v1/private/get-open-orders", orders).close());
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
        TrialRecord rec = s.finish();
        assertEquals("CONNECT api.crypto.com:443", rec.egress().get(0).describe());
        assertEquals("capture is off for this environment", rec.egress().get(0).refusal());
        assertFalse(rec.capture().on());
        assertEquals("off", rec.capture().describe());
        assertTrue(rec.exchanges().isEmpty());
    }

    @Test
    void aCapturedPathThatWouldLeaveItsBaseIsRefusedLikeARelayUrlPath() throws IOException {
        TrialSession s = relay.open(target(venueHostsAnd()));
        s.announce("get_open_orders");
        RawRequest orders = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), PROD, sim.nowMillis());
        // OkHttp resolves %2e%2e itself; a double-encoded dot segment reaches the relay as sent
        try (Response r = post(code(s, true), "https://api.crypto.com/exchange/v1/%252e%252e/%252e%252e/private/get-open-orders",
                orders)) {
            assertEquals(400, r.code());
            assertTrue(r.body().string().contains("not forwarded"));
        }
        TrialRecord rec = s.finish();
        assertTrue(rec.exchanges().isEmpty(), "never forwarded: " + rec.exchanges());
        assertEquals(1, rec.refused().size());
        assertEquals(Refusal.Kind.BAD_PATH, rec.refused().get(0).kind());
        assertTrue(rec.refused().get(0).reason().contains("dot segment"), rec.refused().get(0).reason());
        assertFalse(rec.upstreamReached());
    }

    @Test
    void otherHostsStayRefusedAndRecorded() throws IOException {
        TrialSession s = relay.open(target(venueHostsAnd()));
        assertThrows(IOException.class, () -> code(s, true).newCall(new Request.Builder()
                .url("https://api.ipify.org/?format=json").build()).execute().close());
        TrialRecord rec = s.finish();
        assertEquals("CONNECT api.ipify.org:443", rec.egress().get(0).describe());
        assertEquals("CONNECT api.ipify.org:443 (refused: not a captured host)", rec.egress().get(0).explain());
    }

    @Test
    void theBundleHoldsOnlyTheCaCertificateAndIsDeletedWhenTheRelayCloses() throws IOException {
        Path bundle;
        try (Relay own = Relay.start(VENUE)) {
            TrialSession s = own.open(target(venueHostsAnd()));
            bundle = s.caBundle();
            String pem = Files.readString(bundle);
            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
            assertFalse(pem.contains("PRIVATE KEY"), "the CA's key never leaves memory");
            X509Certificate ca = Certificates.decodeCertificatePem(pem);
            assertEquals(0, ca.getBasicConstraints(), "a CA that issues leaf certificates only");
            assertTrue(ca.getKeyUsage()[5], "keyCertSign: strict verifiers (Python 3.13+) require the key usage");
            assertTrue(ca.getNonCriticalExtensionOIDs().contains("2.5.29.14"), "a subject key identifier");
            assertTrue(relay.baseUri() != null && !bundle.equals(
                    relay.open(target(venueHostsAnd())).caBundle()), "every run has its own CA");
        }
        assertFalse(Files.exists(bundle), "deleted when the run ends");
    }
}
