package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.core.SignatureCheck.Status;
import dev.authbisect.venue.RawRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CryptoComVenueVerifyTest {
    private static final String KEY = "z3HWF8m292LocalKey01";
    private static final String SECRET = "canary-secret-7f3a9c";
    private static final Credentials CREDS = Credentials.of(KEY, SECRET);
    private final CryptoComVenue venue = new CryptoComVenue();

    /** A request whose sig is HMAC(secret, signed) with the given body fields (JSON texts). */
    static RawRequest signed(String method, String idJson, String nonceJson, String paramsJson, String signed, String secret) {
        String sig = CanonicalParams.hmacHex(secret, signed);
        return RawRequest.post("/" + method, "{\"id\": " + idJson + ", \"method\": \"" + method + "\", \"api_key\": \"" + KEY
                + "\", \"params\": " + paramsJson + ", \"nonce\": " + nonceJson + ", \"sig\": \"" + sig + "\"}");
    }

    private static List<String> kinds(SignatureCheck check) {
        return check.findings().stream().map(Finding::kind).collect(Collectors.toList());
    }

    private static Finding only(SignatureCheck check, String kind) {
        List<Finding> f = check.findings().stream().filter(x -> x.kind().equals(kind)).collect(Collectors.toList());
        assertEquals(1, f.size(), kind + " in " + check);
        return f.get(0);
    }

    @Test
    void everyVectorButThePythonFloatCaseVerifiesValidCanonically() {
        List<Vectors.Case> cases = Vectors.all();
        assertEquals(13, cases.size());
        for (Vectors.Case c : cases.subList(0, cases.size() - 1)) {
            SignatureCheck check = venue.verify(c.request(), c.credentials());
            assertEquals(Status.VALID, check.status(), c + ": " + check);
        }
    }

    @Test
    void everyVectorVerifiesValidUnderTheLiteralRendering() {
        for (Vectors.Case c : Vectors.all()) {
            assertEquals(Status.VALID, venue.verify(c.request(), c.credentials(), ParamStyle.LITERAL).status(), c.toString());
        }
    }

    @Test
    void rawReadingReproducesEachVectorsParamStringAndStringToSign() throws Exception {
        for (Vectors.Case c : Vectors.all()) {
            CryptoComBody body = CryptoComBody.read(c.request().body());
            String params = ParamStyle.LITERAL.render(body.params());
            assertEquals(c.paramString(), params, c.toString());
            assertEquals(c.stringToSign(), CanonicalParams.stringToSign(body.method().orElseThrow(), body.idText(),
                    body.apiKey().orElseThrow(), params, body.nonceText()), c.toString());
        }
    }

    @Test
    void thePythonFloatCaseIsValidLiterallyButInvalidCanonicallyNamingStartAndEndTime() {
        Vectors.Case floats = Vectors.suite("python_official_style").get(3);
        assertEquals(Status.VALID, new CryptoComVenue().withReference(ParamStyle.LITERAL).verify(floats.request(), floats.credentials()).status());

        SignatureCheck check = venue.verify(floats.request(), floats.credentials());
        assertEquals(Status.INVALID, check.status());
        assertEquals(List.of("PARAM_RENDERING", "PARAM_RENDERING"), kinds(check));
        assertEquals(new Finding("PARAM_RENDERING", "end_time", "1765000000000.0", "1765000000000"), check.findings().get(0));
        assertEquals(new Finding("PARAM_RENDERING", "start_time", "1764000000000.0", "1764000000000"), check.findings().get(1));
        assertTrue(check.summary().contains("start_time") && check.summary().contains("end_time"), check.summary());
        assertTrue(check.summary().contains("Python str()"), check.summary());
    }

    @Test
    void idAndNonceKeepTheirJsonTypeAndExactText() throws Exception {
        CryptoComBody ccxt = CryptoComBody.read(Vectors.suite("ccxt").get(0).request().body());
        assertEquals(new RawJson.Str("1700000000000"), ccxt.id().orElseThrow());
        CryptoComBody python = CryptoComBody.read(Vectors.suite("python_official_style").get(0).request().body());
        assertEquals(new RawJson.Num("1"), python.id().orElseThrow());
        assertEquals("1765000000000", python.nonceText());
        CryptoComBody floaty = CryptoComBody.read("{\"id\": 1.0, \"nonce\": 1764000000000.0}".getBytes());
        assertEquals("1.0", floaty.idText());
        assertEquals("1764000000000.0", floaty.nonceText());
    }

    @Test
    void aPythonBooleanIsNamedWithBothRenderings() {
        RawRequest r = signed("private/create-order", "1", "1765000000000", "{\"instrument_name\": \"BTC_USDT\", \"post_only\": true}",
                "private/create-order1" + KEY + "instrument_nameBTC_USDTpost_onlyTrue1765000000000", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(Status.INVALID, check.status());
        assertEquals(List.of(new Finding("PARAM_RENDERING", "post_only", "True", "true")), check.findings());
    }

    @Test
    void aJavaScriptNumberThatLostPrecisionIsNamed() {
        RawRequest r = signed("private/cancel-order", "1", "1765000000000", "{\"order_id\": 6530219599901241143}",
                "private/cancel-order1" + KEY + "order_id65302195999012410001765000000000", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(List.of(new Finding("PARAM_RENDERING", "order_id", "6530219599901241000", "6530219599901241143")), check.findings());
        assertTrue(check.summary().contains("JavaScript"), check.summary());
    }

    @Test
    void aPythonNoneSignedAsNoneIsNamed() {
        RawRequest r = signed("private/get-order-history", "1", "1765000000000", "{\"instrument_name\": null}",
                "private/get-order-history1" + KEY + "instrument_nameNone1765000000000", SECRET);
        assertEquals(List.of(new Finding("PARAM_RENDERING", "instrument_name", "None", "null")), venue.verify(r, CREDS).findings());
    }

    @Test
    void paramsSignedInInsertionOrderAreNamedAsAnOrderProblem() {
        RawRequest r = signed("private/get-open-orders", "1", "1765000000001", "{\"page_size\": 200, \"page\": 0}",
                "private/get-open-orders1" + KEY + "page_size200page01765000000001", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(Status.INVALID, check.status());
        assertEquals(List.of(new Finding("PARAM_ORDER", "params", "page_size,page", "page,page_size")), check.findings());
    }

    @Test
    void anIdSignedWithTheNonceButSentAsOneIsNamed() {
        RawRequest r = signed("private/user-balance", "1", "1765000000000", "{}",
                "private/user-balance1765000000000" + KEY + "1765000000000", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(List.of(new Finding("ID_TEXT", "id", "1765000000000", "1")), check.findings());
    }

    @Test
    void anIdCounterAdvancedBetweenSigningAndSendingIsNamed() {
        RawRequest r = signed("private/user-balance", "8", "1765000000000", "{}",
                "private/user-balance7" + KEY + "1765000000000", SECRET);
        assertEquals(List.of(new Finding("ID_TEXT", "id", "7", "8")), venue.verify(r, CREDS).findings());
    }

    @Test
    void anIdSignedWithItsJsonQuotesIsNamed() {
        RawRequest r = signed("private/user-balance", "\"1700000000000\"", "\"1700000000000\"", "{}",
                "private/user-balance\"1700000000000\"" + KEY + "1700000000000", SECRET);
        assertEquals(List.of(new Finding("ID_TEXT", "id", "\"1700000000000\"", "1700000000000")), venue.verify(r, CREDS).findings());
    }

    @Test
    void aNonceSignedAsFloatTextIsNamed() {
        RawRequest r = signed("private/user-balance", "1", "1765000000000", "{}",
                "private/user-balance1" + KEY + "1765000000000.0", SECRET);
        assertEquals(List.of(new Finding("NONCE_TEXT", "nonce", "1765000000000.0", "1765000000000")), venue.verify(r, CREDS).findings());
    }

    @Test
    void aNonceReadFromTheClockTwiceIsFoundWithItsDrift() {
        RawRequest r = signed("private/user-balance", "1765000000003", "1765000000003", "{}",
                "private/user-balance1765000000000" + KEY + "1765000000000", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(List.of("NONCE_TEXT", "ID_TEXT"), kinds(check));
        assertEquals("1765000000000", only(check, "NONCE_TEXT").client());
        assertTrue(check.summary().contains("3 ms later"), check.summary());
    }

    @Test
    void aPythonFloatClientThatReadsTheClockTwiceIsExplainedByBoth() {
        RawRequest r = signed("private/get-order-history", "1", "1765000000042", "{\"start_time\": 1764000000000.0, \"end_time\": 1765000000000.0}",
                "private/get-order-history1" + KEY + "end_time1765000000000.0start_time1764000000000.01765000000040", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(List.of("PARAM_RENDERING", "PARAM_RENDERING", "NONCE_TEXT"), kinds(check));
        assertTrue(check.summary().contains("2 ms later"), check.summary());
    }

    @Test
    void aFloatParamAndAnIdProblemTogetherAreBothNamed() {
        RawRequest r = signed("private/get-order-history", "1", "1765000000000", "{\"start_time\": 1764000000000.0}",
                "private/get-order-history1765000000000" + KEY + "start_time1764000000000.01765000000000", SECRET);
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(List.of("PARAM_RENDERING", "ID_TEXT"), kinds(check));
    }

    @Test
    void aSecretWithATrailingNewlineIsNamedWithoutShowingIt() {
        RawRequest r = signed("private/user-balance", "1", "1765000000000", "{}",
                "private/user-balance1" + KEY + "1765000000000", SECRET + "\n");
        SignatureCheck check = venue.verify(r, CREDS);
        Finding f = only(check, "SECRET_TEXT");
        assertTrue(f.client().contains("trailing newline"), f.client());
        assertFalse(check.toString().contains(SECRET));
    }

    @Test
    void aSignatureNoRenderingExplainsIsWrongSecret() {
        RawRequest r = signed("private/user-balance", "1", "1765000000000", "{}",
                "private/user-balance1" + KEY + "1765000000000", "another-secret");
        SignatureCheck check = venue.verify(r, CREDS);
        assertEquals(Status.INVALID, check.status());
        assertEquals(List.of("WRONG_SECRET"), kinds(check));
        assertTrue(check.summary().contains("another secret"), check.summary());
    }

    @Test
    void anotherApiKeyIsWrongKeyAndNamesBothKeys() {
        Vectors.Case aws = Vectors.suite("ccxt").get(0);
        SignatureCheck check = venue.verify(aws.request(), CREDS);
        assertEquals(Status.WRONG_KEY, check.status());
        assertEquals(List.of(new Finding("WRONG_KEY", "api_key", "raHZAk1MDkAWviDpcBxAWU", KEY)), check.findings());
    }

    @Test
    void requestsWithoutSigAreUnsigned() {
        assertEquals(Status.UNSIGNED, venue.verify(RawRequest.get("/public/get-tickers", "instrument_name=BTC_USDT"), CREDS).status());
        assertEquals(Status.UNSIGNED, venue.verify(RawRequest.post("/private/user-balance",
                "{\"id\":1,\"method\":\"private/user-balance\",\"api_key\":\"" + KEY + "\",\"params\":{},\"nonce\":1}"), CREDS).status());
    }

    @Test
    void aBodyThatIsNotJsonIsNotChecked() {
        SignatureCheck check = venue.verify(RawRequest.post("/private/user-balance", "id=1&sig=abc"), CREDS);
        assertEquals(Status.NOT_CHECKED, check.status());
        assertTrue(check.summary().startsWith("body cannot be checked: not JSON"), check.summary());
    }

    @Test
    void anUpperCaseSignatureIsNamed() {
        String payload = "private/user-balance1" + KEY + "1765000000000";
        String sig = CanonicalParams.hmacHex(SECRET, payload).toUpperCase(java.util.Locale.ROOT);
        RawRequest r = RawRequest.post("/private/user-balance", "{\"id\":1,\"method\":\"private/user-balance\",\"api_key\":\"" + KEY
                + "\",\"params\":{},\"nonce\":1765000000000,\"sig\":\"" + sig + "\"}");
        assertEquals(List.of("SIG_TEXT"), kinds(venue.verify(r, CREDS)));
    }

    @Test
    void aBodyWithoutMethodIsCheckedWithTheMethodThePathNames() {
        String payload = "private/get-account-summary1" + KEY + "1765000000000";
        RawRequest r = RawRequest.post("/v2/private/get-account-summary", "{\"id\":1,\"api_key\":\"" + KEY
                + "\",\"params\":{},\"nonce\":1765000000000,\"sig\":\"" + CanonicalParams.hmacHex(SECRET, payload) + "\"}");
        assertEquals(Status.VALID, venue.verify(r, CREDS).status());
        assertEquals("private/get-account-summary", venue.methodOf(r).orElseThrow());
    }

    @Test
    void aMethodSignedFromThePathWhileTheBodySaysAnotherIsNamed() {
        String payload = "private/get-account-summary1" + KEY + "1765000000000";
        RawRequest r = RawRequest.post("/v2/private/get-account-summary", "{\"id\":1,\"method\":\"private/user-balance\",\"api_key\":\""
                + KEY + "\",\"params\":{},\"nonce\":1765000000000,\"sig\":\"" + CanonicalParams.hmacHex(SECRET, payload) + "\"}");
        assertEquals(List.of(new Finding("METHOD_TEXT", "method", "private/get-account-summary", "private/user-balance")),
                venue.verify(r, CREDS).findings());
    }
}
