package dev.authbisect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One request as the exchange reads it. For public calls {@code apiKey}, {@code sig} and
 * {@code nonceText} are empty.
 *
 * @param id        the id as sent (echoed back)
 * @param idText    the id's text as it enters the signature
 * @param method    the venue method
 * @param params    parameters, numbers exact
 * @param apiKey    the presented api_key
 * @param sig       the presented signature
 * @param nonceText the nonce's text as it enters the signature
 * @param nonce     the nonce as epoch millis
 */
record SignedRequest(JsonNode id, String idText, String method, ObjectNode params, String apiKey, String sig,
                     String nonceText, long nonce) {
    SignedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
    }
}
