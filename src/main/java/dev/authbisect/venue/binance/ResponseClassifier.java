package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.core.Outcome;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.VenueError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Binance answer into an outcome class.
 *
 * <p>HTTP 429 (request weight over the limit) and 418 (the IP is banned for having gone on after a
 * 429) are RATE_LIMITED whatever the body says. Otherwise an error envelope (a JSON object with an
 * integer {@code code} below zero and a {@code msg}) decides through {@link BinanceErrors}: the auth
 * codes are AUTH_REJECTED, -1003 and -1015 RATE_LIMITED, the execution-status-unknown codes
 * TRANSPORT_ERROR, every other code (unknown ones too) API_ERROR.
 *
 * <p>Binance answers success without an envelope: a 2xx whose body is a JSON object or array is OK.
 * A 2xx that is not JSON (a captive portal, a proxy's page) is API_ERROR: not a success authbisect
 * can confirm. Without an envelope 401/403 are AUTH_REJECTED, 503 with {@code Retry-After}
 * RATE_LIMITED, 407, 408 and other 5xx TRANSPORT_ERROR (Binance: execution status unknown), any
 * other status API_ERROR.
 */
final class ResponseClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseClassifier() {
    }

    static Classification classify(int status, Map<String, List<String>> headers, byte[] body) {
        Optional<JsonNode> json = json(body);
        Optional<Integer> code = json.flatMap(ResponseClassifier::errorCode);
        Optional<VenueError> row = code.flatMap(BinanceErrors::lookup);
        Integer venueCode = code.orElse(null);
        String name = row.map(VenueError::name).orElse("");
        if (status == 429 || status == 418) {
            return new Classification(Outcome.RATE_LIMITED, venueCode, name.isEmpty() && status == 418 ? "IP_BANNED" : name, status);
        }
        if (code.isPresent()) {
            return new Classification(row.map(VenueError::outcome).orElse(Outcome.API_ERROR), venueCode, name, status);
        }
        boolean retryAfter = headers.keySet().stream().anyMatch("retry-after"::equalsIgnoreCase);
        Outcome outcome;
        if (status >= 200 && status < 300) {
            outcome = json.filter(j -> j.isObject() || j.isArray()).isPresent() ? Outcome.OK : Outcome.API_ERROR;
        } else if (status == 401 || status == 403) {
            outcome = Outcome.AUTH_REJECTED;
        } else if (status == 503 && retryAfter) {
            outcome = Outcome.RATE_LIMITED;
        } else if (status == 407 || status == 408 || status >= 500) {
            outcome = Outcome.TRANSPORT_ERROR;
        } else {
            outcome = Outcome.API_ERROR;
        }
        return new Classification(outcome, null, "", status);
    }

    private static Optional<JsonNode> json(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(body)).filter(n -> !n.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code code} of an error envelope: an integer below zero beside a {@code msg}. */
    private static Optional<Integer> errorCode(JsonNode json) {
        JsonNode code = json.get("code");
        if (!json.isObject() || code == null || !json.has("msg")) {
            return Optional.empty();
        }
        if (code.isIntegralNumber() && code.canConvertToInt() && code.intValue() < 0) {
            return Optional.of(code.intValue());
        }
        if (code.isTextual() && code.textValue().strip().matches("-[0-9]{1,9}")) {
            return Optional.of(Integer.parseInt(code.textValue().strip()));
        }
        return Optional.empty();
    }
}
