package dev.authbisect.venue.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.ReferenceClient;
import dev.authbisect.venue.ReferenceResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Binance dialect of the simulator over real HTTP: the reference signer's requests answered in
 * Binance's shapes, every check with Binance's code and HTTP status, and the relay's verifier and
 * the simulator agreeing on what is signed right.
 */
class BinanceSimulatorTest {
    static final String YAML = """
            venue: binance-spot
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys:
              - {label: trader, api_key: TraderKey0001, secret: trader-secret, permissions: [read, trade]}
              - {label: reader, api_key: ReaderKey0001, secret: reader-secret, permissions: [read]}
              - {label: office, api_key: OfficeKey0001, secret: office-secret, permissions: [read], ip_allowlist: [198.51.100.10]}
              - {label: gone, api_key: RevokedKey001, secret: gone-secret, revoked: "2025-12-18T00:00:00Z"}
            """;
    static final Credentials TRADER = Credentials.of("TraderKey0001", "trader-secret");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimulatorServer sim;
    static ReferenceClient client;
    static final BinanceSpotVenue VENUE = new BinanceSpotVenue();

    @BeforeAll
    static void start() throws IOException {
        Path file = dir.resolve("binance.yaml");
        Files.writeString(file, YAML);
        sim = SimulatorServer.start(Scenario.load(file), 0);
        client = new ReferenceClient(ReferenceClient.Options.defaults());
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    private static ReferenceResult.Answered call(Credentials c, String method, String paramsJson) throws Exception {
        return call(client, c, method, paramsJson, sim.nowMillis());
    }

    private static ReferenceResult.Answered call(ReferenceClient via, Credentials c, String method, String paramsJson, long now)
            throws Exception {
        CallSpec spec = new CallSpec("c", method, BinanceSignTest.params(paramsJson));
        return (ReferenceResult.Answered) via.call(sim.apiUrl(), VENUE, spec, c, now);
    }

    private static ReferenceResult.Answered send(RawRequest r) {
        return (ReferenceResult.Answered) client.send(sim.apiUrl(), VENUE, r);
    }

    private static JsonNode body(ReferenceResult.Answered a) throws IOException {
        return JSON.readTree(a.body());
    }

    private static void assertError(ReferenceResult.Answered a, int status, int code, String msg) throws IOException {
        assertEquals(status, a.status(), a.bodyText());
        assertEquals(code, body(a).get("code").asInt(), a.bodyText());
        assertEquals(msg, body(a).get("msg").asText());
        assertEquals(code, a.classification().venueCode());
    }

    private static String reason(ReferenceResult.Answered a) {
        return a.headers().getOrDefault(SimulatorServer.REASON_HEADER.toLowerCase(Locale.ROOT), List.of("")).get(0);
    }

    @Test
    void theApiLivesAtTheHostRootLikeApiBinanceCom() {
        assertEquals(URI.create("http://127.0.0.1:" + sim.port()), sim.apiUrl());
    }

    @Test
    void publicEndpointsAnswerInBinancesShapes() throws Exception {
        ReferenceResult.Answered time = call(TRADER, "GET /api/v3/time", "{}");
        assertEquals(Outcome.OK, time.outcome());
        assertEquals(sim.nowMillis(), body(time).get("serverTime").asLong());
        JsonNode info = body(call(TRADER, "GET /api/v3/exchangeInfo", "{}"));
        assertEquals("UTC", info.get("timezone").asText());
        JsonNode btc = info.get("symbols").get(0);
        assertEquals("BTCUSDT", btc.get("symbol").asText());
        assertEquals("PRICE_FILTER", btc.get("filters").get(0).get("filterType").asText());
        JsonNode ticker = body(call(TRADER, "GET /api/v3/ticker/24hr", "{\"symbol\":\"BTCUSDT\"}"));
        assertEquals("86250.12000000", ticker.get("lastPrice").asText());
        JsonNode price = body(call(TRADER, "GET /api/v3/ticker/price", "{\"symbol\":\"ETHUSDT\"}"));
        assertEquals("2951.37000000", price.get("price").asText());
        assertTrue(body(call(TRADER, "GET /api/v3/ticker/price", "{}")).isArray());
        assertError(call(TRADER, "GET /api/v3/ticker/price", "{\"symbol\":\"NOPE\"}"), 400, -1121, "Invalid symbol.");
    }

    @Test
    void signedReadsAnswerTheAccountAndItsOrders() throws Exception {
        ReferenceResult.Answered account = call(TRADER, "GET /api/v3/account", "{\"omitZeroBalances\":true}");
        assertEquals(Outcome.OK, account.outcome(), account.bodyText());
        assertEquals(SignatureCheck.Status.VALID, VENUE.verify(account.sent(), TRADER).status());
        JsonNode balances = body(account).get("balances");
        assertEquals("USDT", balances.get(1).get("asset").asText());
        assertFalse(account.bodyText().contains("BNB"), "zero balances omitted");
        JsonNode open = body(call(TRADER, "GET /api/v3/openOrders", "{\"symbol\":\"BTCUSDT\"}"));
        assertTrue(open.isArray() && open.size() >= 1);
        JsonNode all = body(call(TRADER, "GET /api/v3/allOrders", "{\"symbol\":\"BTCUSDT\",\"limit\":20}"));
        assertTrue(all.toString().contains("\"status\":\"FILLED\""), all.toString());
        assertEquals("NEW", body(call(TRADER, "GET /api/v3/order", "{\"symbol\":\"BTCUSDT\",\"orderId\":28457}")).get("status").asText());
        assertError(call(TRADER, "GET /api/v3/order", "{\"symbol\":\"BTCUSDT\",\"orderId\":1}"), 400, -2013, "Order does not exist.");
        assertError(call(TRADER, "GET /api/v3/allOrders", "{}"), 400, -1102,
                "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    }

    @Test
    void anOrderIsCreatedQueriedAndCanceledAndNeedsTheTradePermission() throws Exception {
        ReferenceResult.Answered created = call(TRADER, "POST /api/v3/order",
                "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":0.001,\"price\":50000}");
        assertEquals(200, created.status(), created.bodyText());
        long id = body(created).get("orderId").asLong();
        assertEquals("NEW", body(created).get("status").asText());
        assertEquals("50000.00000000", body(created).get("price").asText());
        String query = "{\"symbol\":\"BTCUSDT\",\"orderId\":" + id + "}";
        assertTrue(body(call(TRADER, "GET /api/v3/openOrders", "{}")).toString().contains("\"orderId\":" + id));
        assertEquals("CANCELED", body(call(TRADER, "DELETE /api/v3/order", query)).get("status").asText());
        assertError(call(TRADER, "DELETE /api/v3/order", query), 400, -2011, "Unknown order sent.");
        ReferenceResult.Answered readOnly = call(Credentials.of("ReaderKey0001", "reader-secret"), "POST /api/v3/order",
                "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":0.001}");
        assertError(readOnly, 401, -2015, "Invalid API-key, IP, or permissions for action.");
        assertTrue(reason(readOnly).contains("lacks the trade permission"), reason(readOnly));
    }

    @Test
    void aWrongSecretIsMinus1022WithTheRelaysDiagnosisAsTheReason() throws Exception {
        ReferenceResult.Answered a = call(Credentials.of("TraderKey0001", "not-the-secret"), "GET /api/v3/account", "{}");
        assertError(a, 400, -1022, "Signature for this request is not valid.");
        assertEquals(Outcome.AUTH_REJECTED, a.outcome());
        assertTrue(reason(a).startsWith("-1022 INVALID_SIGNATURE: "), reason(a));
        assertFalse(reason(a).contains("trader-secret") || reason(a).contains("not-the-secret"), reason(a));
    }

    @Test
    void aParameterAddedAfterSigningIsRefusedAndTheReasonNamesIt() throws Exception {
        RawRequest signed = VENUE.sign(CallSpec.of("a", "GET /api/v3/account"), TRADER, sim.nowMillis());
        RawRequest appended = new RawRequest("GET", signed.path(), signed.query() + "&omitZeroBalances=true", signed.headers(), null);
        ReferenceResult.Answered a = send(appended);
        assertError(a, 400, -1022, "Signature for this request is not valid.");
        assertTrue(reason(a).contains("omitZeroBalances was added after signing"), reason(a));
        assertEquals(SignatureCheck.Status.INVALID, VENUE.verify(appended, TRADER).status());
    }

    @Test
    void upperCaseHexIsAcceptedByTheSimulatorAndTheRelayAlike() {
        RawRequest signed = VENUE.sign(CallSpec.of("a", "GET /api/v3/account"), TRADER, sim.nowMillis());
        int at = signed.query().indexOf("signature=") + "signature=".length();
        RawRequest upper = new RawRequest("GET", signed.path(), signed.query().substring(0, at)
                + signed.query().substring(at).toUpperCase(Locale.ROOT), signed.headers(), null);
        assertEquals(SignatureCheck.Status.VALID, VENUE.verify(upper, TRADER).status());
        assertEquals(200, send(upper).status());
    }

    @Test
    void keysAreCheckedForFormatExistenceRevocationAndIp() throws Exception {
        assertError(call(Credentials.of("bad key!", "x"), "GET /api/v3/account", "{}"), 401, -2014, "API-key format invalid.");
        RawRequest noKey = new RawRequest("GET", "/api/v3/account", "timestamp=1&signature=" + "0".repeat(64), Map.of(), null);
        assertError(send(noKey), 401, -2014, "API-key format invalid.");
        String invalid = "Invalid API-key, IP, or permissions for action.";
        assertError(call(Credentials.of("NoSuchKey0001", "x"), "GET /api/v3/account", "{}"), 401, -2015, invalid);
        assertError(call(Credentials.of("RevokedKey001", "gone-secret"), "GET /api/v3/account", "{}"), 401, -2015, invalid);
        Credentials office = Credentials.of("OfficeKey0001", "office-secret");
        try (ReferenceClient fromOffice = new ReferenceClient(ReferenceClient.Options.defaults()
                .withHeader(SimulatorServer.EGRESS_IP_HEADER, "198.51.100.10").withHeader(SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken()));
             ReferenceClient fromHome = new ReferenceClient(ReferenceClient.Options.defaults()
                .withHeader(SimulatorServer.EGRESS_IP_HEADER, "203.0.113.7").withHeader(SimulatorServer.RELAY_TOKEN_HEADER, sim.trustToken()))) {
            assertEquals(200, call(fromOffice, office, "GET /api/v3/account", "{}", sim.nowMillis()).status());
            ReferenceResult.Answered home = call(fromHome, office, "GET /api/v3/account", "{}", sim.nowMillis());
            assertError(home, 401, -2015, invalid);
            assertTrue(reason(home).contains("203.0.113.7 not in allowlist"), reason(home));
            assertEquals(200, call(fromHome, office, "GET /api/v3/ticker/price", "{\"symbol\":\"BTCUSDT\"}", sim.nowMillis()).status(),
                    "public endpoints carry no key: no allowlist");
        }
    }

    @Test
    void theTimestampMustBeWithinRecvWindowBehindAndOneSecondAhead() throws Exception {
        long now = sim.nowMillis();
        String outside = "Timestamp for this request is outside of the recvWindow.";
        assertError(call(client, TRADER, "GET /api/v3/account", "{}", now - 6_000), 400, -1021, outside);
        assertEquals(200, call(client, TRADER, "GET /api/v3/account", "{\"recvWindow\":10000}", now - 6_000).status());
        assertEquals(200, call(client, TRADER, "GET /api/v3/account", "{}", now + 900).status());
        assertError(call(client, TRADER, "GET /api/v3/account", "{\"recvWindow\":60000}", now + 2_000), 400, -1021,
                "Timestamp for this request was 1000ms ahead of the server's time.");
        assertError(call(TRADER, "GET /api/v3/account", "{\"recvWindow\":70000}"), 400, -1131, "recvWindow must be less than 60000");
        RawRequest noTime = new RawRequest("GET", "/api/v3/account", "signature=" + KeyedMac.of("trader-secret").hex(""),
                Map.of("X-MBX-APIKEY", List.of("TraderKey0001")), null);
        assertError(send(noTime), 400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    }

    @Test
    void anUnknownPathIsA404AndAnUnknownEndpointUnderTheApiIsUnsupported() throws Exception {
        assertEquals(404, send(RawRequest.get("/nope", "")).status());
        ReferenceResult.Answered a = send(RawRequest.get("/api/v3/nope", ""));
        assertEquals(404, a.status());
        assertEquals(-1020, body(a).get("code").asInt());
    }
}
