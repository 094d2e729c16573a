package dev.authbisect.simulator;

import dev.authbisect.venue.VenueError;
import dev.authbisect.venue.cryptocom.CryptoComErrors;

/** The two API generations the simulator serves, with their path prefix and error numbering. */
enum ApiVersion {
    V1("/exchange/v1/"),
    V2("/v2/");

    final String prefix;

    ApiVersion(String prefix) {
        this.prefix = prefix;
    }

    /** The venue error of a rejection kind in this version's numbering. */
    VenueError error(Rejection.Kind kind, int ipViolationCode) {
        int code = this == V1 ? v1Code(kind, ipViolationCode) : v2Code(kind, ipViolationCode);
        return (this == V1 ? CryptoComErrors.v1(code) : CryptoComErrors.v2(code))
                .orElseThrow(() -> new IllegalStateException("no row for code " + code));
    }

    private static int v1Code(Rejection.Kind kind, int ipViolationCode) {
        return switch (kind) {
            case BAD_REQUEST -> CryptoComErrors.BAD_REQUEST;
            case METHOD_NOT_FOUND -> CryptoComErrors.METHOD_NOT_FOUND;
            case INVALID_REQUEST -> CryptoComErrors.INVALID_REQUEST;
            case MISSING_OR_INVALID_ARGUMENT -> CryptoComErrors.MISSING_OR_INVALID_ARGUMENT;
            case UNAUTHORIZED -> CryptoComErrors.UNAUTHORIZED;
            case INVALID_NONCE -> CryptoComErrors.INVALID_NONCE;
            case IP_ILLEGAL -> ipViolationCode;
            case USER_TIER_INVALID -> CryptoComErrors.USER_TIER_INVALID;
            case TOO_MANY_REQUESTS -> CryptoComErrors.TOO_MANY_REQUESTS;
            case NOT_FOUND -> CryptoComErrors.NOT_FOUND;
            case INVALID_INSTRUMENT -> 209;
            case INVALID_SIDE -> 220;
            case INVALID_ORDTYPE -> 218;
        };
    }

    private static int v2Code(Rejection.Kind kind, int ipViolationCode) {
        return switch (kind) {
            case BAD_REQUEST, INVALID_REQUEST, MISSING_OR_INVALID_ARGUMENT -> CryptoComErrors.V2_BAD_REQUEST;
            case METHOD_NOT_FOUND -> CryptoComErrors.V2_METHOD_NOT_FOUND;
            case UNAUTHORIZED -> CryptoComErrors.V2_UNAUTHORIZED;
            case INVALID_NONCE -> CryptoComErrors.V2_INVALID_NONCE;
            case IP_ILLEGAL -> ipViolationCode == CryptoComErrors.UNAUTHORIZED
                    ? CryptoComErrors.V2_UNAUTHORIZED : CryptoComErrors.V2_IP_ILLEGAL;
            case USER_TIER_INVALID -> CryptoComErrors.V2_USER_TIER_INVALID;
            case TOO_MANY_REQUESTS -> CryptoComErrors.V2_TOO_MANY_REQUESTS;
            case NOT_FOUND, INVALID_INSTRUMENT -> 30003;
            case INVALID_SIDE -> 30004;
            case INVALID_ORDTYPE -> 30005;
        };
    }
}
