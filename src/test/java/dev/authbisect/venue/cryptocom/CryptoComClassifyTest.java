package dev.authbisect.venue.cryptocom;

import static dev.authbisect.core.Outcome.API_ERROR;
import static dev.authbisect.core.Outcome.AUTH_REJECTED;
import static dev.authbisect.core.Outcome.OK;
import static dev.authbisect.core.Outcome.RATE_LIMITED;
import static dev.authbisect.core.Outcome.TRANSPORT_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbisect.core.Outcome;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.VenueError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CryptoComClassifyTest {
    private final CryptoComVenue venue = new CryptoComVenue();

    private Classification classify(int status, String body) {
        return venue.classify(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(int code) {
        return "{\"id\":1,\"method\":\"private/user-balance\",\"code\":" + code + ",\"message\":\"x\"}";
    }

    @Test
    void everyCodeOfBothTablesClassifiesAsItsRowSays() {
        for (VenueError row : CryptoComErrors.v1Table()) {
            assertEquals(new Classification(row.outcome(), row.code(), row.name(), row.httpStatus()),
                    classify(row.httpStatus(), envelope(row.code())), row.name());
        }
        for (VenueError row : CryptoComErrors.v2Table()) {
            assertEquals(new Classification(row.outcome(), row.code(), row.name(), row.httpStatus()),
                    classify(row.httpStatus(), envelope(row.code())), row.name());
        }
    }

    @Test
    void successAndTheAuthCodesOfBothApisMapAsTheDesignSays() {
        assertEquals(new Classification(OK, 0, "SUCCESS", 200), classify(200, "{\"id\":1,\"code\":0,\"result\":{}}"));
        for (int code : new int[] {40101, 40102, 40103, 40104, 10002, 10003, 10005, 10007}) {
            assertEquals(AUTH_REJECTED, classify(401, envelope(code)).outcome(), String.valueOf(code));
        }
        assertEquals(new Classification(AUTH_REJECTED, 40101, "UNAUTHORIZED", 401), classify(401, envelope(40101)));
        assertEquals(new Classification(API_ERROR, 40002, "METHOD_NOT_FOUND", 400), classify(400, envelope(40002)));
        assertEquals(new Classification(RATE_LIMITED, 42901, "TOO_MANY_REQUESTS", 429), classify(429, envelope(42901)));
        assertEquals(new Classification(RATE_LIMITED, 10006, "TOO_MANY_REQUESTS", 429), classify(429, envelope(10006)));
    }

    @Test
    void theEnvelopeCodeDecidesWhateverTheHttpStatus() {
        assertEquals(AUTH_REJECTED, classify(200, envelope(40101)).outcome());
        assertEquals(OK, classify(500, envelope(0)).outcome());
    }

    @Test
    void anUnknownCodeIsAnApiErrorWithoutAName() {
        assertEquals(new Classification(API_ERROR, 99999, "", 400), classify(400, envelope(99999)));
    }

    @Test
    void aCodeSentAsANumericStringStillCounts() {
        assertEquals(new Classification(AUTH_REJECTED, 40101, "UNAUTHORIZED", 401), classify(401, "{\"code\":\"40101\"}"));
    }

    @Test
    void withoutAnEnvelopeTheHttpStatusDecides() {
        assertNoEnvelope(AUTH_REJECTED, 401, "Unauthorized");
        assertNoEnvelope(AUTH_REJECTED, 403, "<html>Forbidden by WAF</html>");
        assertNoEnvelope(TRANSPORT_ERROR, 500, "");
        assertNoEnvelope(TRANSPORT_ERROR, 502, "<html>Bad Gateway</html>");
        assertNoEnvelope(TRANSPORT_ERROR, 503, "{\"error\":\"unavailable\"}");
        assertNoEnvelope(TRANSPORT_ERROR, 408, "");
        assertNoEnvelope(API_ERROR, 404, "Not Found");
        assertNoEnvelope(RATE_LIMITED, 429, "slow down");
        assertNoEnvelope(TRANSPORT_ERROR, 407, "Proxy Authentication Required");
        assertNoEnvelope(API_ERROR, 302, "");
    }

    @Test
    void aTwoHundredThatIsNotTheVenuesEnvelopeIsNotASuccess() {
        assertNoEnvelope(API_ERROR, 200, "<html>captive portal</html>");
        assertNoEnvelope(API_ERROR, 200, "");
        assertNoEnvelope(API_ERROR, 200, "[1,2]");
        assertNoEnvelope(API_ERROR, 200, "{\"result\":{\"data\":[]}}");
        assertNoEnvelope(API_ERROR, 200, "{\"code\":\"abc\"}");
    }

    @Test
    void aRetryAfterMakesA503WithoutEnvelopeARateLimitButNeverOverridesAnEnvelope() {
        java.util.Map<String, java.util.List<String>> retry = java.util.Map.of("Retry-After", java.util.List.of("2"));
        byte[] none = "busy".getBytes(StandardCharsets.UTF_8);
        assertEquals(RATE_LIMITED, venue.classify(503, retry, none).outcome());
        assertEquals(TRANSPORT_ERROR, venue.classify(503, java.util.Map.of(), none).outcome());
        assertEquals(API_ERROR, venue.classify(503, retry, envelope(40003).getBytes(StandardCharsets.UTF_8)).outcome());
        assertEquals(new Classification(API_ERROR, 40002, "METHOD_NOT_FOUND", 500),
                venue.classify(500, java.util.Map.of(), envelope(40002).getBytes(StandardCharsets.UTF_8)),
                "a 5xx with the venue's envelope is read by its code");
    }

    @Test
    void onlyMethodsThatChangeNothingAreReadOnly() {
        for (String m : new String[] {"public/get-tickers", "private/user-balance", "private/get-open-orders",
                "private/get-order-history", "v2/private/get-account-summary", "private/get-account-summary"}) {
            assertEquals(true, venue.readOnly(m), m);
        }
        for (String m : new String[] {"private/create-order", "private/cancel-order", "private/create-withdrawal",
                "private/cancel-all-orders", "private/unknown-method", ""}) {
            assertEquals(false, venue.readOnly(m), m);
        }
    }

    @Test
    void theVenueDeclaresItsProductionAndUatHostsAndItsBasePath() {
        assertEquals(java.util.Set.of("api.crypto.com", "uat-api.3ona.co"), venue.apiHosts());
        assertEquals("/exchange/v1", venue.basePath());
    }

    private void assertNoEnvelope(Outcome expected, int status, String body) {
        assertEquals(new Classification(expected, null, "", status), classify(status, body), status + " " + body);
    }

    @Test
    void errorLooksUpBothTables() {
        assertEquals("UNAUTHORIZED", venue.error(40101).orElseThrow().name());
        assertEquals("INVALID_NONCE", venue.error(10007).orElseThrow().name());
        assertEquals(java.util.Optional.empty(), venue.error(12345));
    }
}
