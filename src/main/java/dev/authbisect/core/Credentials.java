package dev.authbisect.core;

import java.util.Objects;

/**
 * The fixed credentials of one environment for a whole run. The key is treated as a secret
 * too (it is shown only redacted, see {@code Redactor}), the secret is never shown.
 */
public record Credentials(Secret apiKey, Secret apiSecret) {
    public Credentials {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiSecret, "apiSecret");
    }

    public static Credentials of(String apiKey, String apiSecret) {
        return new Credentials(Secret.of(apiKey), Secret.of(apiSecret));
    }

    @Override
    public String toString() {
        return "Credentials[***]";
    }
}
