package dev.authbisect.relay;

import dev.authbisect.core.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the relay forwards one trial's requests and how it checks them.
 *
 * @param trialId         a readable id for logs ("mv3×prod", "ref×local")
 * @param envName         the environment's name
 * @param credentials     the environment's credentials (for the signature check)
 * @param upstream        the upstream base URL (e.g. https://api.crypto.com/exchange/v1 or the simulator's v1 URL)
 * @param upstreamHeaders extra headers on forwarded requests (the simulator's trusted egress header)
 * @param proxy           HTTP proxy for forwarding (live upstreams)
 * @param connectTimeout  connect timeout to the upstream
 * @param readTimeout     read timeout from the upstream
 * @param simulator       true when the upstream is the embedded simulator (its reason header is kept)
 * @param ratePerSecond   the environment's {@code rate_limit.per_second}, shared by all trials of the run; 0 for none
 * @param capture         which hosts a {@code CONNECT} through the egress sentinel is captured for
 * @param clock           the upstream's clock, for the clock check of each request
 */
public record TrialTarget(String trialId, String envName, Credentials credentials, URI upstream,
                          Map<String, String> upstreamHeaders, Optional<URI> proxy, Duration connectTimeout,
                          Duration readTimeout, boolean simulator, double ratePerSecond, CapturePolicy capture,
                          UpstreamClock clock) {
    public TrialTarget {
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(envName, "envName");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(upstream, "upstream");
        upstreamHeaders = upstreamHeaders == null ? Map.of() : Map.copyOf(upstreamHeaders);
        proxy = proxy == null ? Optional.empty() : proxy;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond: expected a number ≥ 0, got " + ratePerSecond);
        }
        capture = capture == null ? CapturePolicy.off() : capture;
        clock = clock != null ? clock : simulator ? new UpstreamClock.None() : new UpstreamClock.DateHeader();
    }

    /** A rate limit and capture; the clock is the live upstream's Date header, or none for a simulator. */
    public TrialTarget(String trialId, String envName, Credentials credentials, URI upstream,
                       Map<String, String> upstreamHeaders, Optional<URI> proxy, Duration connectTimeout,
                       Duration readTimeout, boolean simulator, double ratePerSecond, CapturePolicy capture) {
        this(trialId, envName, credentials, upstream, upstreamHeaders, proxy, connectTimeout, readTimeout, simulator,
                ratePerSecond, capture, null);
    }

    /** No rate limit, no capture; the given clock. */
    public TrialTarget(String trialId, String envName, Credentials credentials, URI upstream,
                       Map<String, String> upstreamHeaders, Optional<URI> proxy, Duration connectTimeout,
                       Duration readTimeout, boolean simulator, UpstreamClock clock) {
        this(trialId, envName, credentials, upstream, upstreamHeaders, proxy, connectTimeout, readTimeout, simulator, 0,
                CapturePolicy.off(), clock);
    }

    /** No rate limit, no capture; the clock is the live upstream's Date header, or none for a simulator. */
    public TrialTarget(String trialId, String envName, Credentials credentials, URI upstream,
                       Map<String, String> upstreamHeaders, Optional<URI> proxy, Duration connectTimeout,
                       Duration readTimeout, boolean simulator) {
        this(trialId, envName, credentials, upstream, upstreamHeaders, proxy, connectTimeout, readTimeout, simulator, 0,
                CapturePolicy.off(), null);
    }
}
