package dev.authbisect.venue.binance;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceClassifyTest {
    private final BinanceSpotVenue venue = new BinanceSpotVenue();

    private Classification classify(int status, String body) {
        return venue.classify(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(int code) {
        return "{\"code\":" + code + ",\"msg\":\"x\"}";
    }

    @Test
    void theAuthCodesAreAuthRejected() {
        assertEquals(new Classification(AUTH_REJECTED, -1022, "INVALID_SIGNATURE", 400), classify(400, error(-1022)));
        assertEquals(new Classification(AUTH_REJECTED, -2014, "BAD_API_KEY_FMT", 401), classify(401, error(-2014)));
        assertEquals(new Classification(AUTH_REJECTED, -2015, "REJECTED_MBX_KEY", 401), classify(401, error(-2015)));
        assertEquals(new Classification(AUTH_REJECTED, -1021, "INVALID_TIMESTAMP", 400), classify(400, error(-1021)));
    }

    @Test
    void rateLimitsAreTheirOwnClassWhateverTheBody() {
        assertEquals(new Classification(RATE_LIMITED, -1003, "TOO_MANY_REQUESTS", 429), classify(429, error(-1003)));
        assertEquals(new Classification(RATE_LIMITED, -1003, "TOO_MANY_REQUESTS", 418), classify(418, error(-1003)));
        assertEquals(new Classification(RATE_LIMITED, null, "IP_BANNED", 418), classify(418, ""));
        assertEquals(new Classification(RATE_LIMITED, null, "", 429), classify(429, "slow down"));
        assertEquals(RATE_LIMITED, venue.classify(503, Map.of("Retry-After", List.of("1")), new byte[0]).outcome());
    }

    @Test
    void otherCodesAreApiErrorsAndUnknownOnesToo() {
        assertEquals(new Classification(API_ERROR, -1121, "BAD_SYMBOL", 400), classify(400, error(-1121)));
        assertEquals(new Classification(API_ERROR, -2013, "NO_SUCH_ORDER", 400), classify(400, error(-2013)));
        assertEquals(new Classification(API_ERROR, -9999, "", 400), classify(400, error(-9999)));
        assertEquals(new Classification(TRANSPORT_ERROR, -1007, "TIMEOUT", 500), classify(500, error(-1007)));
    }

    @Test
    void everyRowOfTheTableClassifiesAsItSays() {
        for (VenueError row : BinanceErrors.table()) {
            Outcome expected = row.httpStatus() == 429 ? RATE_LIMITED : row.outcome();
            assertEquals(new Classification(expected, row.code(), row.name(), row.httpStatus()),
                    classify(row.httpStatus(), error(row.code())), row.name());
        }
    }

    @Test
    void successHasNoEnvelopeAndAnyJsonObjectOrArrayIsOk() {
        assertEquals(new Classification(OK, null, "", 200), classify(200, "{\"serverTime\":1499827319559}"));
        assertEquals(new Classification(OK, null, "", 200), classify(200, "[]"));
        assertEquals(new Classification(OK, null, "", 200), classify(200, "{}"));
    }

    @Test
    void withoutJsonOrEnvelopeTheStatusDecides() {
        assertEquals(API_ERROR, classify(200, "<html>captive portal</html>").outcome());
        assertEquals(API_ERROR, classify(200, "").outcome());
        assertEquals(AUTH_REJECTED, classify(401, "").outcome());
        assertEquals(AUTH_REJECTED, classify(403, "<html>WAF</html>").outcome());
        assertEquals(TRANSPORT_ERROR, classify(502, "<html>Bad Gateway</html>").outcome());
        assertEquals(TRANSPORT_ERROR, classify(407, "").outcome());
        assertEquals(API_ERROR, classify(404, "Not Found").outcome());
    }
}
