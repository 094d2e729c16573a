package dev.authbisect.simulator;

import dev.authbisect.core.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Something that happens to a key at a point of the scenario's clock. */
public sealed interface TimedEvent {
    /** When it happens (it is in effect for requests at or after this instant). */
    Instant at();

    /** The api_key (as declared under {@code keys}) it happens to. */
    String apiKey();

    /** {@code {at: T, revoke: KEY}}: from T on, the key gets UNAUTHORIZED. */
    record Revoke(Instant at, String apiKey) implements TimedEvent {
        public Revoke {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(apiKey, "apiKey");
        }
    }

    /**
     * {@code {at: T, rotate: KEY, new_secret: S, new_api_key: K2}}: from T on, the key signs with
     * the new secret (the old one gets UNAUTHORIZED); with {@code new_api_key} the key also gets a
     * new id and the old id becomes unknown — what "AWS KEY 3.1 was updated" meant in the seed.
     */
    record Rotate(Instant at, String apiKey, Secret newSecret, Optional<String> newApiKey) implements TimedEvent {
        public Rotate {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(newSecret, "newSecret");
            newApiKey = newApiKey == null ? Optional.empty() : newApiKey;
        }
    }
}
