package dev.authbisect.simulator;

import java.util.Objects;

/**
 * Why the simulated exchange refuses a request: a kind (mapped to the version's code) and the
 * reason sent in the diagnostic header. Thrown inside the handler, never outside the package.
 */
final class Rejection extends Exception {
    enum Kind {
        BAD_REQUEST, METHOD_NOT_FOUND, INVALID_REQUEST, MISSING_OR_INVALID_ARGUMENT,
        UNAUTHORIZED, INVALID_NONCE, IP_ILLEGAL, USER_TIER_INVALID, TOO_MANY_REQUESTS,
        NOT_FOUND, INVALID_INSTRUMENT, INVALID_SIDE, INVALID_ORDTYPE
    }

    private final Kind kind;

    Rejection(Kind kind, String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    Kind kind() {
        return kind;
    }

    String reason() {
        return getMessage();
    }
}
