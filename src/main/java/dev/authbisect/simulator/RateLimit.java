package dev.authbisect.simulator;

/**
 * A token bucket per caller (per api_key for private methods, per egress IP for public ones):
 * {@code per_second} requests a second, bursts up to the same number; beyond it 42901.
 */
public record RateLimit(int perSecond) {
    public RateLimit {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
    }
}
