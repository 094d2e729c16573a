package dev.authbisect.venue.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venues;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reference signer against Binance's documented HMAC example, and the parts of the request it builds. */
class BinanceSignTest {
    static final String DOC_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    static final String DOC_PARAMS = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    static final String DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    static final Credentials DOC = Credentials.of(DOC_KEY, DOC_SECRET);

    private final BinanceSpotVenue venue = new BinanceSpotVenue();

    static ObjectNode params(String json) throws Exception {
        return (ObjectNode) JsonMapper.builder().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build().readTree(json);
    }

    @Test
    void theDocumentedOrderIsSignedInItsBodyWithTheDocumentedSignature() throws Exception {
        CallSpec order = new CallSpec("place_order", "POST /api/v3/order", params(
                "{\"symbol\":\"LTCBTC\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"price\":0.1,\"recvWindow\":5000}"));
        RawRequest signed = venue.sign(order, DOC, 1499827319559L);
        assertEquals("POST", signed.method());
        assertEquals("/api/v3/order", signed.path());
        assertEquals("", signed.query());
        assertEquals(DOC_PARAMS + "&signature=" + DOC_SIGNATURE, signed.bodyText());
        assertEquals(Optional.of(DOC_KEY), signed.header("X-MBX-APIKEY"));
        assertEquals(Optional.of("application/x-www-form-urlencoded"), signed.header("content-type"));
        assertEquals(SignatureCheck.Status.VALID, venue.verify(signed, DOC).status());
    }

    @Test
    void aGetCarriesEverythingInTheQueryWithTheDefaultRecvWindowThenTimestampThenSignature() {
        RawRequest signed = venue.sign(CallSpec.of("get_account", "GET /api/v3/account"), DOC, 1499827319559L);
        assertEquals("GET", signed.method());
        assertEquals("/api/v3/account", signed.path());
        assertEquals("recvWindow=5000&timestamp=1499827319559&signature=82f4e72e95e63d666b6da651e82a701722ad8a785a169318d91f36f279c55821",
                signed.query());
        assertEquals(0, signed.body().length);
        assertEquals(Optional.of("GET /api/v3/account"), venue.methodOf(signed));
        assertEquals(Optional.of(DOC_KEY), venue.apiKeyOf(signed));
        assertEquals(SignatureCheck.Status.VALID, venue.verify(signed, DOC).status());
    }

    @Test
    void aBarePathMeansGetAndDecimalsLoseTrailingZeros() throws Exception {
        RawRequest signed = venue.sign(new CallSpec("q", "/api/v3/allOrders",
                params("{\"symbol\":\"BTCUSDT\",\"limit\":20,\"price\":0.10000,\"flag\":true}")), DOC, 1L);
        assertTrue(signed.query().startsWith("symbol=BTCUSDT&limit=20&price=0.1&flag=true&recvWindow=5000&timestamp=1&signature="),
                signed.query());
    }

    @Test
    void publicEndpointsAreSentUnsignedWithoutAKey() throws Exception {
        RawRequest signed = venue.sign(new CallSpec("ticker", "GET /api/v3/ticker/price", params("{\"symbol\":\"BTCUSDT\"}")), DOC, 1L);
        assertEquals("symbol=BTCUSDT", signed.query());
        assertEquals(Optional.empty(), signed.header("X-MBX-APIKEY"));
        assertEquals(SignatureCheck.Status.UNSIGNED, venue.verify(signed, DOC).status());
    }

    @Test
    void listsAreSentAsCompactJsonFormEncoded() throws Exception {
        RawRequest signed = venue.sign(new CallSpec("t", "GET /api/v3/ticker/price",
                params("{\"symbols\":[\"BTCUSDT\",\"BNBUSDT\"]}")), DOC, 1L);
        assertEquals("symbols=%5B%22BTCUSDT%22%2C%22BNBUSDT%22%5D", signed.query());
    }

    @Test
    void theVenueIsRegisteredBesideCryptoCom() {
        assertEquals(List.of("crypto-com-exchange-v1", "binance-spot"), Venues.ids());
        assertTrue(Venues.byId("binance-spot").orElseThrow() instanceof BinanceSpotVenue);
        assertEquals("", venue.basePath());
        assertTrue(venue.apiHosts().contains("api.binance.com") && venue.apiHosts().contains("testnet.binance.vision"));
    }

    @Test
    void onlyGetsAreReadOnlyAndTheTimestampIsTheRequestsTime() {
        assertTrue(venue.readOnly("GET /api/v3/openOrders"));
        assertEquals(false, venue.readOnly("POST /api/v3/order"));
        assertEquals(false, venue.readOnly("DELETE /api/v3/order"));
        RawRequest signed = venue.sign(CallSpec.of("a", "GET /api/v3/account"), DOC, 1499827319559L);
        assertEquals(1499827319559L, venue.requestTime(signed).orElseThrow().epochMillis());
        assertEquals("timestamp", venue.requestTime(signed).orElseThrow().field());
        assertEquals(5000, venue.timeWindow().orElseThrow().toMillis());
        assertEquals(java.util.Optional.of(java.time.Duration.ofMillis(5000)), venue.requestTime(signed).orElseThrow().window());
    }

    @Test
    void theRelaysClockCheckUsesTheRequestsRecvWindow() throws Exception {
        long now = 1_766_131_200_000L;
        var clock = new dev.authbisect.relay.UpstreamClock.FixedSimulator(now, java.time.Duration.ofSeconds(5));
        RawRequest wide = venue.sign(new CallSpec("a", "GET /api/v3/account", params("{\"recvWindow\":60000}")), DOC, now - 30_000);
        RawRequest narrow = venue.sign(CallSpec.of("a", "GET /api/v3/account"), DOC, now - 30_000);
        var in = dev.authbisect.relay.ClockChecker.check(venue, wide, clock, java.util.Map.of(), now);
        assertEquals(dev.authbisect.core.ClockCheck.Status.IN_WINDOW, in.status(), in.summary());
        assertEquals(60_000, in.windowMillis());
        var out = dev.authbisect.relay.ClockChecker.check(venue, narrow, clock, java.util.Map.of(), now);
        assertEquals(dev.authbisect.core.ClockCheck.Status.OUTSIDE_WINDOW, out.status(), out.summary());
        assertTrue(out.summary().startsWith("timestamp "), out.summary());
    }
}
