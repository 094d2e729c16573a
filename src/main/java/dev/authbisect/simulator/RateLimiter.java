package dev.authbisect.simulator;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perSecond} tokens, refilled continuously on a monotonic
 * clock (never the scenario clock, which may be frozen). Thread-safe.
 */
final class RateLimiter {
    private final Optional<RateLimit> limit;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Optional<RateLimit> limit, LongSupplier nanos) {
        this.limit = limit;
        this.nanos = nanos;
    }

    /** True when {@code subject} may make one more request now. */
    boolean tryAcquire(String subject) {
        if (limit.isEmpty()) {
            return true;
        }
        int perSecond = limit.get().perSecond();
        return buckets.computeIfAbsent(subject, s -> new Bucket(perSecond, nanos.getAsLong())).take(perSecond, nanos.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(int perSecond, long now) {
            tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
