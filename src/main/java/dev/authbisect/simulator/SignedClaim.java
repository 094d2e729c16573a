package dev.authbisect.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signed request claims, read by the dialect, checked by the core: who signs (the api
 * key), when (its nonce or timestamp) and what the method needs (a permission).
 *
 * @param apiKey     the api key as presented (never empty)
 * @param timeName   what the venue calls the request's time, for messages ({@code nonce}, {@code timestamp})
 * @param timeText   the time as sent, for messages
 * @param timeMillis the time in epoch milliseconds
 * @param permission what the method needs
 * @param window     a window the request chooses itself (Binance's {@code recvWindow}); empty: the
 *                   scenario's {@code nonce_window}
 */
public record SignedClaim(String apiKey, String timeName, String timeText, long timeMillis, Permission permission,
                          Optional<Duration> window) {
    public SignedClaim {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeName, "timeName");
        Objects.requireNonNull(timeText, "timeText");
        Objects.requireNonNull(permission, "permission");
        window = window == null ? Optional.empty() : window;
    }
}
