package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck.Status;
import dev.authbisect.venue.RawRequest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CryptoComSignTest {
    private static final long NOW = 1766131200000L;
    private static final Credentials AWS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    private final CryptoComVenue venue = new CryptoComVenue();

    @Test
    void theReferenceSignerReproducesTheCcxtVectorForTheSameCall() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("limit", 20);
        RawRequest r = venue.sign(new CallSpec("get_order_history", "private/get-order-history", params), AWS, NOW);
        Vectors.Case ccxt = Vectors.suite("ccxt").get(4);
        assertEquals("POST", r.method());
        assertEquals("/private/get-order-history", r.path());
        assertEquals(ccxt.sig(), sigOf(r));
        assertEquals("raHZAk1MDkAWviDpcBxAWU", venue.apiKeyOf(r).orElseThrow());
        assertEquals(Status.VALID, venue.verify(r, AWS).status());
    }

    @Test
    void idAndNonceAreTheClockAsJsonNumbers() throws Exception {
        RawRequest r = venue.sign(CallSpec.of("get_account_summary", "private/user-balance"), AWS, NOW);
        CryptoComBody body = CryptoComBody.read(r.body());
        assertEquals(new RawJson.Num("1766131200000"), body.id().orElseThrow());
        assertEquals(new RawJson.Num("1766131200000"), body.nonce().orElseThrow());
        assertEquals("private/user-balance", body.method().orElseThrow());
        assertEquals("application/json", r.header("content-type").orElseThrow());
        assertEquals("{\"id\":1766131200000,\"method\":\"private/user-balance\",\"api_key\":\"raHZAk1MDkAWviDpcBxAWU\",\"params\":{},"
                + "\"nonce\":1766131200000,\"sig\":\"" + sigOf(r) + "\"}", r.bodyText());
    }

    @Test
    void decimalsAndBooleansAreSentAsWrittenAndSignedCanonically() throws Exception {
        ObjectNode params = JsonNodeFactory.withExactBigDecimals(true).objectNode()
                .put("price", new BigDecimal("8000.000")).put("post_only", true).put("instrument_name", "BTC_USDT");
        params.putArray("exec_inst").add("POST_ONLY");
        RawRequest r = venue.sign(new CallSpec("order", "private/create-order", params), AWS, NOW);
        assertTrue(r.bodyText().contains("\"price\":8000.000"), r.bodyText());
        assertEquals(Status.VALID, venue.verify(r, AWS).status());
        // a server that signs the literal text would reject it, and the diagnosis says why
        assertEquals("price", venue.verify(r, AWS, ParamStyle.LITERAL).findings().get(0).component());
    }

    @Test
    void publicMethodsAreUnsignedGetsWithAQuery() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("instrument_name", "BTC_USDT").put("depth", 10);
        RawRequest r = venue.sign(new CallSpec("tickers", "public/get-tickers", params), AWS, NOW);
        assertEquals("GET", r.method());
        assertEquals("/public/get-tickers", r.path());
        assertEquals("instrument_name=BTC_USDT&depth=10", r.query());
        assertEquals(0, r.body().length);
        assertEquals(Status.UNSIGNED, venue.verify(r, AWS).status());
        assertEquals("public/get-tickers", venue.methodOf(r).orElseThrow());
    }

    @Test
    void aV2MethodGoesToTheV2PathWithTheSameBodyShape() throws Exception {
        RawRequest r = venue.sign(CallSpec.of("summary", "v2/private/get-account-summary"), AWS, NOW);
        assertEquals("/v2/private/get-account-summary", r.path());
        assertEquals("private/get-account-summary", CryptoComBody.read(r.body()).method().orElseThrow());
        assertEquals(Status.VALID, venue.verify(r, AWS).status());
    }

    private static String sigOf(RawRequest r) {
        try {
            return CryptoComBody.read(r.body()).sig().orElseThrow();
        } catch (RawJsonReader.MalformedJsonException e) {
            throw new AssertionError(e);
        }
    }
}
