package dev.authbisect.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the relay found comparing one request's own time (Crypto.com: its {@code nonce}) with the
 * upstream's clock and the venue's window, beside the signature check. Carries no secret.
 *
 * <p>{@link #followsHostClock()} tells the two reasons a request misses the window apart: a request
 * whose time matches this host's clock but not the upstream's was made on the host's clock (a probe
 * that ignores a simulator's fixed clock, or a host clock skewed against a live venue); a request
 * that matches neither computes its time wrongly (the code).
 *
 * @param status           the verdict on the request's time
 * @param clock            whose clock the request was compared with
 * @param field            the request field read ({@code nonce}), or empty
 * @param requestTime      the request's time, ISO-8601 UTC, or empty
 * @param upstreamTime     the upstream's clock when the request arrived, ISO-8601 UTC, or empty
 * @param offsetMillis     request time minus upstream time
 * @param windowMillis     how far the upstream lets them differ
 * @param hostOffsetMillis request time minus this host's clock when the relay received it
 * @param summary          one line a person reads: "nonce 2026-12-02T01:00:00Z is 348 days after the simulator's
 *                         clock 2025-12-19T08:00:00Z (window 60 s)"
 */
public record ClockCheck(Status status, Clock clock, String field, String requestTime, String upstreamTime,
                         long offsetMillis, long windowMillis, long hostOffsetMillis, String summary) {

    public enum Status {
        /** The request's time is within the window of the upstream's clock. */
        IN_WINDOW,
        /** The request's time is outside the window: the venue rejects it (Crypto.com 40102 INVALID_NONCE). */
        OUTSIDE_WINDOW,
        /** No time in the request, or no clock to compare it with. */
        NOT_CHECKED
    }

    /** Whose clock a request was compared with. */
    public enum Clock {
        /** The embedded simulator's frozen clock ({@code clock: {fixed: …}}; the probe gets it as AUTHBISECT_FIXED_TIME_MS). */
        FIXED_SIMULATOR,
        /** The embedded simulator running on this host's clock, shifted by the scenario's skew. */
        SIMULATOR,
        /** A live upstream's clock, read from its answer's {@code Date} header. */
        DATE_HEADER,
        /** None. */
        NONE
    }

    public ClockCheck {
        Objects.requireNonNull(status, "status");
        clock = clock == null ? Clock.NONE : clock;
        field = field == null ? "" : field;
        requestTime = requestTime == null ? "" : requestTime;
        upstreamTime = upstreamTime == null ? "" : upstreamTime;
        summary = summary == null ? "" : summary;
    }

    public static ClockCheck notChecked(String why) {
        return new ClockCheck(Status.NOT_CHECKED, Clock.NONE, "", "", "", 0, 0, 0, why);
    }

    /**
     * Compares a request's time with the upstream's.
     *
     * @param field        the request field ({@code nonce})
     * @param requestMs    the request's time, epoch millis
     * @param upstreamMs   the upstream's clock when the request arrived
     * @param hostMs       this host's clock when the request arrived
     * @param windowMs     the allowed difference
     */
    public static ClockCheck compare(Clock clock, String field, long requestMs, long upstreamMs, long hostMs, long windowMs) {
        long offset = requestMs - upstreamMs;
        Status status = Math.abs(offset) <= windowMs ? Status.IN_WINDOW : Status.OUTSIDE_WINDOW;
        String relation = offset == 0 ? "matches" : "is " + span(offset) + (offset > 0 ? " after" : " before");
        String summary = field + " " + time(requestMs) + " " + relation + " " + clockWords(clock) + " " + time(upstreamMs)
                + " (window " + span(windowMs) + ")";
        return new ClockCheck(status, clock, field, Instant.ofEpochMilli(requestMs).toString(),
                Instant.ofEpochMilli(upstreamMs).toString(), offset, windowMs, requestMs - hostMs, summary);
    }

    /** True when the request's time is outside the window. */
    public boolean outside() {
        return status == Status.OUTSIDE_WINDOW;
    }

    /** Outside the upstream's window but within that window of this host's clock: the request was made on the host's clock. */
    public boolean followsHostClock() {
        return outside() && Math.abs(hostOffsetMillis) <= windowMillis;
    }

    /** Upstream clock minus this host's clock (how far this host is behind the upstream; negative: ahead). */
    public long hostBehindMillis() {
        return hostOffsetMillis - offsetMillis;
    }

    /** "the simulator's clock", "the upstream's clock (Date header)". */
    public static String clockWords(Clock clock) {
        return switch (clock) {
            case FIXED_SIMULATOR, SIMULATOR -> "the simulator's clock";
            case DATE_HEADER -> "the upstream's clock (Date header)";
            case NONE -> "the upstream's clock";
        };
    }

    /** An instant to the second, ISO-8601 UTC ("2025-12-19T08:00:00Z"). */
    public static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A length of time in one rounded unit: "850 ms", "42 s", "5 min", "3 h", "348 days", "55 years". */
    public static String span(long millis) {
        long ms = Math.abs(millis);
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return Math.round(ms / 1_000.0) + " s";
        }
        if (ms < 120 * 60_000L) {
            return Math.round(ms / 60_000.0) + " min";
        }
        if (ms < 48 * 3_600_000L) {
            return Math.round(ms / 3_600_000.0) + " h";
        }
        long days = Math.round(ms / 86_400_000.0);
        if (days < 730) {
            return days + " days";
        }
        return Math.round(days / 365.25) + " years";
    }
}
