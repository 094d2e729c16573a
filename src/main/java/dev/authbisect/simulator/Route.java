package dev.authbisect.simulator;

import java.util.Objects;

/**
 * Where a request goes, told from its HTTP method and path alone (before the body is read):
 * the venue method, which faults and policies are keyed by, and the API generation it was
 * called under.
 *
 * @param method the venue method ({@code private/get-open-orders}, {@code GET /api/v3/account}); it may be
 *               one the venue does not serve, which {@link Dialect#parse} then answers as the venue does
 * @param api    the dialect's own name for the API generation or path family ({@code v1}, {@code v2}),
 *               passed back to it unchanged
 */
public record Route(String method, String api) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(api, "api");
    }
}
