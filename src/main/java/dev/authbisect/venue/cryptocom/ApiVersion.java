package dev.authbisect.venue.cryptocom;

import dev.authbisect.simulator.Rejection;
import dev.authbisect.venue.VenueError;

/** The two API generations the simulator serves, with their path prefix and error numbering. */
enum ApiVersion {
    V1("/exchange/v1"),
    V2("/v2");

    /** The base path ({@code /exchange/v1}); methods follow it after a '/'. */
    final String base;

    ApiVersion(String base) {
        this.base = base;
    }

    static ApiVersion of(String api) {
        return "v2".equals(api) ? V2 : V1;
    }

    String api() {
        return this == V1 ? "v1" : "v2";
    }

    /** The venue error of a rejection in this version's numbering. */
    VenueError error(Rejection r, int ipViolationCode) {
        int code = this == V1 ? v1Code(r, ipViolationCode) : v2Code(r, ipViolationCode);
        return (this == V1 ? CryptoComErrors.v1(code) : CryptoComErrors.v2(code))
                .orElseThrow(() -> new IllegalStateException("no row for code " + code));
    }

    private static int v1Code(Rejection r, int ipViolationCode) {
        return switch (r.kind()) {
            case BAD_REQUEST -> CryptoComErrors.BAD_REQUEST;
            case METHOD_NOT_FOUND -> CryptoComErrors.METHOD_NOT_FOUND;
            case INVALID_REQUEST -> CryptoComErrors.INVALID_REQUEST;
            case INVALID_ARGUMENT -> CryptoComErrors.MISSING_OR_INVALID_ARGUMENT;
            case UNKNOWN_KEY, BAD_SIGNATURE -> CryptoComErrors.UNAUTHORIZED;
            case OUTSIDE_WINDOW -> CryptoComErrors.INVALID_NONCE;
            case IP_NOT_ALLOWED -> ipViolationCode == 0 ? CryptoComErrors.IP_ILLEGAL : ipViolationCode;
            case NO_PERMISSION -> CryptoComErrors.USER_TIER_INVALID;
            case RATE_LIMITED -> CryptoComErrors.TOO_MANY_REQUESTS;
            case VENUE -> switch (r.venueError().orElse("")) {
                case Endpoints.NOT_FOUND -> CryptoComErrors.NOT_FOUND;
                case Endpoints.INVALID_INSTRUMENT -> 209;
                case Endpoints.INVALID_SIDE -> 220;
                case Endpoints.INVALID_ORDTYPE -> 218;
                default -> CryptoComErrors.INTERNAL_ERROR;
            };
        };
    }

    private static int v2Code(Rejection r, int ipViolationCode) {
        return switch (r.kind()) {
            case BAD_REQUEST, INVALID_REQUEST, INVALID_ARGUMENT -> CryptoComErrors.V2_BAD_REQUEST;
            case METHOD_NOT_FOUND -> CryptoComErrors.V2_METHOD_NOT_FOUND;
            case UNKNOWN_KEY, BAD_SIGNATURE -> CryptoComErrors.V2_UNAUTHORIZED;
            case OUTSIDE_WINDOW -> CryptoComErrors.V2_INVALID_NONCE;
            case IP_NOT_ALLOWED -> ipViolationCode == CryptoComErrors.UNAUTHORIZED
                    ? CryptoComErrors.V2_UNAUTHORIZED : CryptoComErrors.V2_IP_ILLEGAL;
            case NO_PERMISSION -> CryptoComErrors.V2_USER_TIER_INVALID;
            case RATE_LIMITED -> CryptoComErrors.V2_TOO_MANY_REQUESTS;
            case VENUE -> switch (r.venueError().orElse("")) {
                case Endpoints.NOT_FOUND, Endpoints.INVALID_INSTRUMENT -> 30003;
                case Endpoints.INVALID_SIDE -> 30004;
                case Endpoints.INVALID_ORDTYPE -> 30005;
                default -> CryptoComErrors.V2_SYS_ERROR;
            };
        };
    }
}
