package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each of the exchange's checks, in order, with its real code and HTTP status, over real HTTP. */
class SimulatorChecksTest {
    static final String YAML = """
            clock: {fixed: "2025-12-19T08:00:00Z"}
            nonce_window: 60s
            keys:
              - {label: reader, api_key: READERKEY000001, secret: reader-secret, permissions: [read]}
              - {label: trader, api_key: TRADERKEY00001, secret: trader-secret, permissions: [read, trade]}
              - {label: office, api_key: ALLOWKEY000001, secret: allow-secret, ip_allowlist: [10.1.2.0/24, 192.0.2.10]}
              - {label: gone, api_key: REVOKEDKEY0001, secret: revoked-secret, revoked: "2025-12-18T00:00:00Z"}
              - {label: tomorrow, api_key: FUTUREKEY00001, secret: future-secret, created: "2025-12-20T00:00:00Z"}
              - {label: revoked by event, api_key: EVREVOKED00001, secret: ev-secret}
              - {label: rotated, api_key: ROTATEDKEY0001, secret: old-rotated-secret}
              - {label: renamed, api_key: RENAMEDKEY0001, secret: renamed-old-secret}
            events:
              - {at: "2025-12-19T07:00:00Z", revoke: EVREVOKED00001}
              - {at: "2025-12-19T07:30:00Z", rotate: ROTATEDKEY0001, new_secret: new-rotated-secret}
              - {at: "2025-12-19T07:45:00Z", rotate: RENAMEDKEY0001, new_secret: renamed-new-secret, new_api_key: RENAMEDKEY0002}
              - {at: "2025-12-19T09:00:00Z", revoke: READERKEY000001}
            """;

    static SimulatorServer sim;

    @BeforeAll
    static void start() {
        sim = SimulatorServer.start(SimClient.scenario(YAML), 0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static SimClient client() {
        return new SimClient(sim);
    }

    private static void assertRejected(SimClient.Reply r, int http, int code, String name) {
        assertEquals(http, r.status(), r.rawBody());
        assertEquals(code, r.code(), r.rawBody());
        assertEquals(name, r.body().get("message").asText());
        assertTrue(r.reason().startsWith(name + ": "), r.reason());
    }

    @Test
    void aSignedReadWithAKnownKeySucceedsAndEchoesIdAndMethod() {
        SimClient.Reply r = client().call("private/user-balance", "READERKEY000001", "reader-secret", "{}");
        assertEquals(200, r.status());
        assertEquals(0, r.code());
        assertEquals(sim.nowMillis(), r.body().get("id").asLong());
        assertEquals("private/user-balance", r.body().get("method").asText());
        assertEquals("USDT", r.body().at("/result/data/0/position_balances/0/instrument_name").asText());
    }

    @Test
    void anUnknownApiKeyIsUnauthorized() {
        SimClient.Reply r = client().call("private/user-balance", "NOSUCHKEY00001", "whatever", "{}");
        assertRejected(r, 401, 40101, "UNAUTHORIZED");
        assertEquals("UNAUTHORIZED: api_key 'NOSUCH...' is not registered", r.reason());
    }

    @Test
    void aRevokedKeyIsUnauthorizedWhetherDeclaredOrByEvent() {
        SimClient.Reply declared = client().call("private/user-balance", "REVOKEDKEY0001", "revoked-secret", "{}");
        assertRejected(declared, 401, 40101, "UNAUTHORIZED");
        assertTrue(declared.reason().contains("key 'gone' was revoked at 2025-12-18T00:00:00Z"), declared.reason());
        SimClient.Reply byEvent = client().call("private/user-balance", "EVREVOKED00001", "ev-secret", "{}");
        assertRejected(byEvent, 401, 40101, "UNAUTHORIZED");
        assertTrue(byEvent.reason().contains("was revoked at 2025-12-19T07:00:00Z"), byEvent.reason());
    }

    @Test
    void aKeyCreatedAfterTheClockDoesNotExistYetAndFutureEventsHaveNoEffect() {
        SimClient.Reply future = client().call("private/user-balance", "FUTUREKEY00001", "future-secret", "{}");
        assertRejected(future, 401, 40101, "UNAUTHORIZED");
        assertTrue(future.reason().contains("does not exist yet"), future.reason());
        assertEquals(0, client().call("private/user-balance", "READERKEY000001", "reader-secret", "{}").code(),
                "the 09:00 revocation is after the 08:00 clock");
    }

    @Test
    void aWrongSecretIsASignatureMismatchThatNeverShowsTheSecret() {
        SimClient.Reply r = client().call("private/user-balance", "READERKEY000001", "guessed-secret", "{}");
        assertRejected(r, 401, 40101, "UNAUTHORIZED");
        assertTrue(r.reason().startsWith("UNAUTHORIZED: signature does not match"), r.reason());
        assertTrue(r.reason().contains("another secret"), r.reason());
        assertFalse(r.reason().contains("reader-secret"));
        assertFalse(r.rawBody().contains("reader-secret"));
    }

    @Test
    void floatsSignedAsPythonRendersThemAreRejectedAndTheReasonNamesTheParameter() {
        long nonce = sim.nowMillis();
        String params = "{\"start_time\":1764000000000.0,\"end_time\":1765000000000.0,\"page_size\":50,\"page\":0}";
        String pythonParams = "end_time1765000000000.0page0page_size50start_time1764000000000.0";
        String sig = dev.authbisect.venue.cryptocom.CanonicalParams.hmacHex("reader-secret",
                "private/get-order-history" + nonce + "READERKEY000001" + pythonParams + nonce);
        String body = "{\"id\":" + nonce + ",\"method\":\"private/get-order-history\",\"params\":" + params
                + ",\"api_key\":\"READERKEY000001\",\"sig\":\"" + sig + "\",\"nonce\":" + nonce + "}";
        SimClient.Reply r = client().post(sim.url("/exchange/v1"), "private/get-order-history", body);
        assertRejected(r, 401, 40101, "UNAUTHORIZED");
        assertTrue(r.reason().contains("signature does not match the canonical"), r.reason());
        assertTrue(r.reason().contains("param start_time signed as '1764000000000.0'"), r.reason());
        assertTrue(r.reason().contains("reference '1764000000000'"), r.reason());

        SimClient.Reply canonical = client().call("private/get-order-history", "READERKEY000001", "reader-secret", params);
        assertEquals(0, canonical.code(), "the same floats signed canonically pass: " + canonical.reason());
    }

    @Test
    void aNonceOutsideTheWindowIsInvalidNonceAndInsideItPasses() {
        long now = sim.nowMillis();
        SimClient.Reply behind = client().signed(sim.url("/exchange/v1"), "private/user-balance", "READERKEY000001", "reader-secret", "{}", now - 61_000);
        assertRejected(behind, 400, 40102, "INVALID_NONCE");
        assertTrue(behind.reason().contains("61s behind the clock 2025-12-19T08:00:00Z (window 60s)"), behind.reason());
        SimClient.Reply ahead = client().signed(sim.url("/exchange/v1"), "private/user-balance", "READERKEY000001", "reader-secret", "{}", now + 59_000);
        assertEquals(0, ahead.code());
    }

    @Test
    void theIpAllowlistAcceptsListedAddressesAndBlocksOthersWithIpIllegal() {
        assertEquals(0, client().from("10.1.2.77").call("private/get-open-orders", "ALLOWKEY000001", "allow-secret", "{}").code());
        assertEquals(0, client().from("192.0.2.10").call("private/get-open-orders", "ALLOWKEY000001", "allow-secret", "{}").code());
        SimClient.Reply r = client().from("10.1.3.1").call("private/get-open-orders", "ALLOWKEY000001", "allow-secret", "{}");
        assertRejected(r, 401, 40103, "IP_ILLEGAL");
        assertEquals("IP_ILLEGAL: ip 10.1.3.1 not in allowlist of key 'office'", r.reason());
    }

    @Test
    void aReadOnlyKeyCannotTradeButATradingKeyCreatesListsAndCancelsAnOrder() {
        String order = "{\"instrument_name\":\"BTC_USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"50000\",\"quantity\":\"0.001\",\"client_oid\":\"t-1\"}";
        SimClient.Reply denied = client().call("private/create-order", "READERKEY000001", "reader-secret", order);
        assertRejected(denied, 401, 40104, "USER_TIER_INVALID");
        assertTrue(denied.reason().contains("lacks the trade permission"), denied.reason());

        SimClient.Reply created = client().call("private/create-order", "TRADERKEY00001", "trader-secret", order);
        assertEquals(0, created.code(), created.reason());
        String orderId = created.body().at("/result/order_id").asText();
        assertEquals("t-1", created.body().at("/result/client_oid").asText());

        SimClient.Reply open = client().call("private/get-open-orders", "TRADERKEY00001", "trader-secret", "{\"instrument_name\":\"BTC_USDT\"}");
        assertTrue(open.body().at("/result/data").findValuesAsText("order_id").contains(orderId));

        SimClient.Reply cancelled = client().call("private/cancel-order", "TRADERKEY00001", "trader-secret", "{\"order_id\":\"" + orderId + "\"}");
        assertEquals(0, cancelled.code());
        SimClient.Reply again = client().call("private/cancel-order", "TRADERKEY00001", "trader-secret", "{\"order_id\":\"" + orderId + "\"}");
        assertEquals(40401, again.code());
        assertEquals("NOT_FOUND", again.body().get("message").asText());
    }

    @Test
    void anOrderForAnUnknownInstrumentIsInvalidInstrument() {
        SimClient.Reply r = client().call("private/create-order", "TRADERKEY00001", "trader-secret",
                "{\"instrument_name\":\"NOPE_USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"1\",\"quantity\":\"1\"}");
        assertEquals(209, r.code());
        assertEquals("INVALID_INSTRUMENT", r.body().get("message").asText());
    }

    @Test
    void afterARotationTheOldSecretFailsWithAReasonAndTheNewOneWorks() {
        SimClient.Reply old = client().call("private/user-balance", "ROTATEDKEY0001", "old-rotated-secret", "{}");
        assertRejected(old, 401, 40101, "UNAUTHORIZED");
        assertTrue(old.reason().contains("before its rotation at 2025-12-19T07:30:00Z"), old.reason());
        assertEquals(0, client().call("private/user-balance", "ROTATEDKEY0001", "new-rotated-secret", "{}").code());
    }

    @Test
    void aRotationToANewKeyIdRetiresTheOldId() {
        SimClient.Reply old = client().call("private/user-balance", "RENAMEDKEY0001", "renamed-old-secret", "{}");
        assertRejected(old, 401, 40101, "UNAUTHORIZED");
        assertTrue(old.reason().contains("was replaced by a new key id at 2025-12-19T07:45:00Z"), old.reason());
        assertEquals(0, client().call("private/user-balance", "RENAMEDKEY0002", "renamed-new-secret", "{}").code());
    }

    @Test
    void v2AnswersWithItsOwnNumbering() {
        assertRejected(client().callV2("private/get-account-summary", "NOSUCHKEY00001", "x", "{}"), 401, 10002, "UNAUTHORIZED");
        assertRejected(client().signed(sim.url("/v2"), "private/get-account-summary", "READERKEY000001", "reader-secret", "{}",
                sim.nowMillis() - 120_000), 400, 10007, "INVALID_NONCE");
        assertRejected(client().from("10.9.9.9").callV2("private/get-account-summary", "ALLOWKEY000001", "allow-secret", "{}"),
                401, 10003, "IP_ILLEGAL");
        assertRejected(client().callV2("private/create-order", "READERKEY000001", "reader-secret",
                "{\"instrument_name\":\"BTC_USDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"1\",\"quantity\":\"1\"}"),
                401, 10005, "USER_TIER_INVALID");
        assertRejected(client().callV2("private/user-balance", "READERKEY000001", "reader-secret", "{}"), 400, 10008, "METHOD_NOT_FOUND");
        SimClient.Reply open = client().callV2("private/get-open-orders", "READERKEY000001", "reader-secret", "{}");
        assertEquals(0, open.code());
        assertTrue(open.body().at("/result/count").isInt());
        assertTrue(open.body().at("/result/order_list").isArray());
    }

    @Test
    void unknownV1MethodsAreMethodNotFound() {
        SimClient.Reply r = client().call("private/get-everything", "READERKEY000001", "reader-secret", "{}");
        assertRejected(r, 400, 40002, "METHOD_NOT_FOUND");
        assertEquals(sim.nowMillis(), r.body().get("id").asLong(), "the id is echoed even for an unknown method");
    }

    @Test
    void publicInstrumentsAndTickersNeedNoKeyAndHaveTheV1Shapes() {
        SimClient.Reply instruments = client().get("/exchange/v1/public/get-instruments");
        assertEquals(0, instruments.code());
        assertEquals("BTC_USDT", instruments.body().at("/result/data/0/symbol").asText());
        assertEquals("CCY_PAIR", instruments.body().at("/result/data/0/inst_type").asText());
        assertEquals("0.01", instruments.body().at("/result/data/0/price_tick_size").asText());
        SimClient.Reply tickers = client().get("/exchange/v1/public/get-tickers?instrument_name=ETH_USDT");
        assertEquals(1, tickers.body().at("/result/data").size());
        assertEquals("ETH_USDT", tickers.body().at("/result/data/0/i").asText());
        assertEquals(sim.nowMillis(), tickers.body().at("/result/data/0/t").asLong());
    }

    @Test
    void twoConcurrentClientsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Callable<Integer> job = () -> {
                    SimClient c = client();
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        ok += c.call("private/get-order-history", "READERKEY000001", "reader-secret", "{\"limit\":" + i + "}").code() == 0 ? 1 : 0;
                    }
                    return ok;
                };
                results.add(pool.submit(job));
            }
            for (Future<Integer> f : results) {
                assertEquals(50, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSkewedClockMovesTheNonceWindow() {
        try (SimulatorServer skewed = SimulatorServer.start(SimClient.scenario("""
                clock: {skew: -120s}
                keys: [{label: k, api_key: SKEWKEY0000001, secret: s3cret-skew}]
                """), 0)) {
            SimClient c = new SimClient(skewed);
            long real = System.currentTimeMillis();
            assertEquals(40102, c.signed(skewed.url("/exchange/v1"), "private/user-balance", "SKEWKEY0000001", "s3cret-skew", "{}", real).code());
            assertEquals(0, c.signed(skewed.url("/exchange/v1"), "private/user-balance", "SKEWKEY0000001", "s3cret-skew", "{}", real - 120_000).code());
            assertTrue(skewed.fixedClockMillis().isEmpty());
        }
    }
}
