package dev.authbisect.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An environment: where and as whom calls are made.
 *
 * @param name           column name
 * @param credentials    where its credentials come from (resolved when a run needs them)
 * @param upstream       live URL or simulator scenario
 * @param proxy          HTTP proxy the relay forwards through (live upstreams)
 * @param egressIp       the egress IP the simulator sees (simulator upstreams only)
 * @param connectTimeout relay → upstream connect timeout
 * @param readTimeout    relay → upstream read timeout
 * @param clockSkew      added to the reference client's clock (nonces), to simulate a skewed host
 */
public record EnvironmentSpec(String name, CredentialSource credentials, Upstream upstream, Optional<URI> proxy,
                              Optional<String> egressIp, Duration connectTimeout, Duration readTimeout,
                              Duration clockSkew) {
    public EnvironmentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(upstream, "upstream");
        proxy = proxy == null ? Optional.empty() : proxy;
        egressIp = egressIp == null ? Optional.empty() : egressIp;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
    }
}
