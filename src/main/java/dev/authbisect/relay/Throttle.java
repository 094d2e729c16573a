package dev.authbisect.relay;

import java.time.Duration;

/**
 * One environment's rate limit, shared by every trial of the run (all {@code --jobs}): sends are
 * spaced at least {@code 1/perSecond} apart, never in bursts, and a rate-limit answer's
 * {@code Retry-After} holds every send back until it has passed (at most {@link #MAX_HOLD}).
 * Without a configured rate only {@code Retry-After} applies.
 */
final class Throttle {
    /** A longer Retry-After is treated as this: a run waits, but not for hours. */
    static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private final long intervalNanos;
    private long nextFree = Long.MIN_VALUE;

    /** @param perSecond sends per second; 0 for no spacing */
    Throttle(double perSecond) {
        this.intervalNanos = perSecond > 0 ? Math.round(1_000_000_000d / perSecond) : 0;
    }

    /** Waits until this send may go. Interrupted: returns at once with the interrupt flag set. */
    void acquire() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long at = nextFree == Long.MIN_VALUE || nextFree - now < 0 ? now : nextFree;
            nextFree = at + intervalNanos;
            wait = at - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Holds every later send back for {@code d} (capped at {@link #MAX_HOLD}). */
    synchronized void holdOff(Duration d) {
        long hold = Math.min(d.toNanos(), MAX_HOLD.toNanos());
        if (hold <= 0) {
            return;
        }
        long until = System.nanoTime() + hold;
        if (nextFree == Long.MIN_VALUE || until - nextFree > 0) {
            nextFree = until;
        }
    }

    /** A Retry-After value: delay-seconds or an HTTP date; empty when it is neither. */
    static java.util.Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
            return java.util.Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
