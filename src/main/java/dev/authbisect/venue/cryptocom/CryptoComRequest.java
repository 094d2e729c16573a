package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.simulator.DialectRequest;
import dev.authbisect.simulator.SignedClaim;
import dev.authbisect.venue.RawRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as the simulated exchange reads it.
 *
 * @param version the API generation it was sent to
 * @param id      the id as sent (echoed back)
 * @param method  the venue method
 * @param params  parameters, numbers exact
 * @param signed  for a private method, what it claims (api_key, nonce, permission)
 * @param raw     the request as the relay's verifier reads it (path below the base URL, body as sent)
 */
record CryptoComRequest(ApiVersion version, JsonNode id, String method, ObjectNode params, Optional<SignedClaim> signed,
                        RawRequest raw) implements DialectRequest {
    CryptoComRequest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(raw, "raw");
    }
}
