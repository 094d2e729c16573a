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
 * @param ratePerSecond  {@code rate_limit.per_second}: what the run sends there, all jobs together; 0 for no limit
 * @param capture        which hosts the relay captures for the probe ({@code capture:})
 */
public record EnvironmentSpec(String name, CredentialSource credentials, Upstream upstream, Optional<URI> proxy,
                              Optional<String> egressIp, Duration connectTimeout, Duration readTimeout,
                              Duration clockSkew, double ratePerSecond, CaptureSpec capture) {
    public EnvironmentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(upstream, "upstream");
        proxy = proxy == null ? Optional.empty() : proxy;
        egressIp = egressIp == null ? Optional.empty() : egressIp;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond: expected a number ≥ 0, got " + ratePerSecond);
        }
        capture = capture == null ? CaptureSpec.defaults() : capture;
    }

    /** No rate limit; capture of the venue's own hosts. */
    public EnvironmentSpec(String name, CredentialSource credentials, Upstream upstream, Optional<URI> proxy,
                           Optional<String> egressIp, Duration connectTimeout, Duration readTimeout, Duration clockSkew) {
        this(name, credentials, upstream, proxy, egressIp, connectTimeout, readTimeout, clockSkew, 0, CaptureSpec.defaults());
    }
}
