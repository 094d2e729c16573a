package dev.authbisect.simulator;

import java.util.Optional;

/**
 * A request as a {@link Dialect} read it: the part the core checks. A dialect implements this
 * with its own record, which also carries what its endpoints need (parameters, ids to echo);
 * the core hands that record back to the same dialect unchanged.
 */
public interface DialectRequest {
    /** The venue method (the {@link Route#method()} it was parsed for). */
    String method();

    /**
     * What the request claims when the method is private: the core then applies, in this order,
     * the rate limit per key, key lookup, signature, time window, IP allowlist and permission.
     * Empty for a public method: only the rate limit per egress IP applies.
     */
    Optional<SignedClaim> signed();
}
