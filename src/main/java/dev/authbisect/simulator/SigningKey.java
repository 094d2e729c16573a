package dev.authbisect.simulator;

import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Secret;
import java.util.Objects;

/**
 * A key the core found for a request, as the dialect's signature check gets it: the api key,
 * its secret, and the secret keyed once as HMAC-SHA256 (for venues that sign with it).
 */
public record SigningKey(String apiKey, Secret secret, KeyedMac mac) {
    public SigningKey {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(mac, "mac");
    }

    @Override
    public String toString() {
        return "SigningKey[" + (apiKey.length() > 6 ? apiKey.substring(0, 6) : "") + "…]";
    }
}
