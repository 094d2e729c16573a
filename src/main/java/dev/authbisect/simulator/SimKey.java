package dev.authbisect.simulator;

import dev.authbisect.core.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One API key the simulated exchange knows.
 *
 * @param label       the name shown in the exchange's key list ("AWS KEY 3.1"); used in diagnostics
 * @param apiKey      the public key id
 * @param secret      the signing secret (never printed)
 * @param permissions what the key may do
 * @param ipAllowlist the egress addresses (IPs or IPv4 CIDRs) allowed; empty means any address
 * @param created     when the key came to exist (requests before that get UNAUTHORIZED), if known
 * @param revoked     when the key was revoked, if it was
 */
public record SimKey(String label, String apiKey, Secret secret, Set<Permission> permissions,
                     List<String> ipAllowlist, Optional<Instant> created, Optional<Instant> revoked) {
    public SimKey {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        permissions = Set.copyOf(permissions);
        ipAllowlist = ipAllowlist == null ? List.of() : List.copyOf(ipAllowlist);
        created = created == null ? Optional.empty() : created;
        revoked = revoked == null ? Optional.empty() : revoked;
    }

    /** Whether the key exists and is not revoked at {@code millis}. */
    public boolean activeAt(long millis) {
        return created.map(c -> c.toEpochMilli() <= millis).orElse(true)
                && revoked.map(r -> r.toEpochMilli() > millis).orElse(true);
    }

    SimKey withSecret(Secret newSecret) {
        return new SimKey(label, apiKey, newSecret, permissions, ipAllowlist, created, revoked);
    }

    SimKey withApiKey(String newApiKey) {
        return new SimKey(label, newApiKey, secret, permissions, ipAllowlist, created, revoked);
    }

    SimKey withRevoked(Instant at) {
        return new SimKey(label, apiKey, secret, permissions, ipAllowlist, created, Optional.of(at));
    }

    SimKey withCreated(Instant at) {
        return new SimKey(label, apiKey, secret, permissions, ipAllowlist, Optional.of(at), revoked);
    }

    @Override
    public String toString() {
        return "SimKey[label=" + label + ", apiKey=" + (apiKey.length() > 6 ? apiKey.substring(0, 6) : "") + "…"
                + ", permissions=" + permissions + ", ipAllowlist=" + ipAllowlist + "]";
    }
}
