package dev.authbisect.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A seeded fault: for requests to {@code method} (every method when empty), with probability
 * {@code rate} drawn from a generator seeded with {@code seed}, the exchange misbehaves.
 *
 * @param method     the venue method it applies to, or empty for all
 * @param kind       what happens
 * @param httpStatus for {@link Kind#HTTP_ERROR}: the 5xx status answered (no envelope)
 * @param delay      for {@link Kind#LATENCY}: the added delay; for {@link Kind#TIMEOUT}: how long the request is held
 * @param rate       probability in [0, 1]
 * @param seed       seed of this fault's generator (same seed, same sequence of requests: same faults)
 */
public record Fault(Optional<String> method, Kind kind, int httpStatus, Duration delay, double rate, long seed) {

    /** The kinds of misbehaviour. */
    public enum Kind {
        /** Answer normally after {@code delay}. */
        LATENCY,
        /** Answer {@code httpStatus} with an HTML body, as a load balancer would (no envelope). */
        HTTP_ERROR,
        /** Close the connection without answering. */
        RESET,
        /** Hold the request for {@code delay} (longer than clients wait), then close without answering. */
        TIMEOUT
    }

    public Fault {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within [0, 1]");
        }
    }

    boolean appliesTo(String venueMethod) {
        return method.map(venueMethod::equals).orElse(true);
    }
}
