package dev.authbisect.venue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The time a request claims for itself, as its venue reads it (Crypto.com: {@code nonce}, epoch
 * milliseconds), for the relay's clock check.
 *
 * @param field       the request field it came from ({@code nonce})
 * @param epochMillis the time, epoch milliseconds
 * @param window      the window the request asks for itself (Binance's {@code recvWindow}), overriding the
 *                    venue's or the scenario's; empty when it asks for none
 */
public record RequestTime(String field, long epochMillis, Optional<Duration> window) {
    public RequestTime {
        Objects.requireNonNull(field, "field");
        window = window == null ? Optional.empty() : window;
    }

    /** A time without a window of its own. */
    public RequestTime(String field, long epochMillis) {
        this(field, epochMillis, Optional.empty());
    }
}
