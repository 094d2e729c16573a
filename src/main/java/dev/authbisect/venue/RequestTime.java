package dev.authbisect.venue;

import java.util.Objects;

/**
 * The time a request claims for itself, as its venue reads it (Crypto.com: {@code nonce}, epoch
 * milliseconds), for the relay's clock check.
 *
 * @param field       the request field it came from ({@code nonce})
 * @param epochMillis the time, epoch milliseconds
 */
public record RequestTime(String field, long epochMillis) {
    public RequestTime {
        Objects.requireNonNull(field, "field");
    }
}
