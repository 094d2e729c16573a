package dev.authbisect.simulator;

import java.util.Objects;
import java.util.Optional;

/**
 * Why the simulated exchange refuses a request, in venue-neutral terms: a {@link Kind}, which
 * the dialect renders as its venue's code, and the reason sent in the diagnostic header
 * ({@link SimulatorServer#REASON_HEADER}; never a secret). Thrown by the core's checks and by a
 * dialect's {@link Dialect#parse} and {@link Dialect#answer}; never escapes the simulator.
 */
public final class Rejection extends Exception {
    /** What went wrong; the dialect maps each kind to its venue's code and HTTP status. */
    public enum Kind {
        /** The request cannot be read: not the venue's format, too large, wrong HTTP method. */
        BAD_REQUEST,
        /** The venue has no such method (under this API generation). */
        METHOD_NOT_FOUND,
        /** Readable, but a field has the wrong type or contradicts the path. */
        INVALID_REQUEST,
        /** A required field or argument is missing or invalid. */
        INVALID_ARGUMENT,
        /** Core: the api key is not registered, not created yet, revoked or replaced. */
        UNKNOWN_KEY,
        /** Core: the signature does not match under the key's secret. */
        BAD_SIGNATURE,
        /** Core: the request's nonce or timestamp is outside the window around the clock. */
        OUTSIDE_WINDOW,
        /** Core: the egress IP is not in the key's allowlist (and the method enforces it). */
        IP_NOT_ALLOWED,
        /** Core: the key lacks the permission the method needs. */
        NO_PERMISSION,
        /** Core: the rate limit is exceeded. */
        RATE_LIMITED,
        /** A venue-specific answer of an endpoint, named by {@link #venueError()} ({@code INVALID_SIDE}). */
        VENUE
    }

    private final Kind kind;
    private final String venueError;

    public Rejection(Kind kind, String reason) {
        this(kind, null, reason);
    }

    private Rejection(Kind kind, String venueError, String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.venueError = venueError;
    }

    /** A venue-specific endpoint error: {@code name} is the dialect's own key for it, read back by its renderer. */
    public static Rejection venue(String name, String reason) {
        return new Rejection(Kind.VENUE, Objects.requireNonNull(name, "name"), reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The name a {@link Kind#VENUE} rejection was made with; empty for the other kinds. */
    public Optional<String> venueError() {
        return Optional.ofNullable(venueError);
    }

    /** The reason for the diagnostic header. */
    public String reason() {
        return getMessage();
    }
}
