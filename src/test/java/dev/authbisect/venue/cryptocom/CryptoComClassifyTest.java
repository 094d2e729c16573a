package dev.authbisect.venue.cryptocom;

import static dev.authbisect.core.Outcome.API_ERROR;
import static dev.authbisect.core.Outcome.AUTH_REJECTED;
import static dev.authbisect.core.Outcome.OK;
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
        assertEquals(new Classification(API_ERROR, 42901, "TOO_MANY_REQUESTS", 429), classify(429, envelope(42901)));
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
        assertNoEnvelope(API_ERROR, 429, "slow down");
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
