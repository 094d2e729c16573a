package dev.authbisect.venue.cryptocom;

import dev.authbisect.core.Outcome;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.VenueError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Crypto.com answer into an outcome class.
 *
 * <p>With an envelope (a JSON object with an integer {@code code}, number or numeric string),
 * the code decides through {@link CryptoComErrors}, whatever the HTTP status: 0 is OK, the auth
 * codes (40101–40104, v2 10002/10003/10005/10007) are AUTH_REJECTED, the rate-limit codes (42901,
 * v2 10006) RATE_LIMITED, the server-side codes the table marks as such (40801, 50001, v2 10001)
 * are TRANSPORT_ERROR, every other code — unknown ones too — is API_ERROR. A 5xx with an envelope
 * is read by its code like any other answer.
 *
 * <p>Without one: 401/403 are AUTH_REJECTED, 429 (and a 503 carrying {@code Retry-After}) RATE_LIMITED,
 * 407 (the proxy wants credentials), 408 and 5xx TRANSPORT_ERROR, any other status API_ERROR. That includes a 2xx answer that is not JSON, and a 2xx JSON answer without
 * {@code code}: the exchange puts {@code code} in every answer, so its absence is not a
 * success authbisect can confirm (a captive portal, a proxy's page, a wrong base URL).
 */
final class ResponseClassifier {
    private ResponseClassifier() {
    }

    static Classification classify(int httpStatus, byte[] body) {
        return classify(httpStatus, Map.of(), body);
    }

    static Classification classify(int httpStatus, Map<String, List<String>> headers, byte[] body) {
        Optional<Integer> code = envelopeCode(body);
        if (code.isPresent()) {
            Optional<VenueError> row = CryptoComErrors.lookup(code.get());
            return new Classification(row.map(VenueError::outcome).orElse(Outcome.API_ERROR), code.get(),
                    row.map(VenueError::name).orElse(""), httpStatus);
        }
        boolean retryAfter = headers.keySet().stream().anyMatch("retry-after"::equalsIgnoreCase);
        return new Classification(withoutEnvelope(httpStatus, retryAfter), null, "", httpStatus);
    }

    private static Outcome withoutEnvelope(int status, boolean retryAfter) {
        if (status == 401 || status == 403) {
            return Outcome.AUTH_REJECTED;
        }
        if (status == 429 || status == 503 && retryAfter) {
            return Outcome.RATE_LIMITED;
        }
        if (status == 407 || status == 408 || status >= 500) {
            return Outcome.TRANSPORT_ERROR;
        }
        return Outcome.API_ERROR;
    }

    static Optional<Integer> envelopeCode(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        RawJson json;
        try {
            json = RawJsonReader.read(body);
        } catch (RawJsonReader.MalformedJsonException e) {
            return Optional.empty();
        }
        if (!(json instanceof RawJson.Obj obj)) {
            return Optional.empty();
        }
        return obj.get("code").flatMap(ResponseClassifier::integer);
    }

    private static Optional<Integer> integer(RawJson code) {
        String text;
        if (code instanceof RawJson.Num n) {
            text = n.literal();
        } else if (code instanceof RawJson.Str s && s.value().strip().matches("-?[0-9]+")) {
            text = s.value().strip();
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text).intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
