package dev.authbisect.config;

import java.util.List;

/**
 * An environment's {@code capture:} (README "Live upstreams and hard-coded URLs", HTTPS capture): whether the relay
 * captures a probe's {@code CONNECT} to the venue's own API hosts, and which other hosts it
 * captures too.
 *
 * @param enabled false for {@code capture: false}
 * @param hosts   host names listed under {@code capture: [host, …]} (lower case), captured besides the venue's own
 */
public record CaptureSpec(boolean enabled, List<String> hosts) {
    public CaptureSpec {
        hosts = List.copyOf(hosts);
    }

    /** On for the venue's own hosts, nothing more (no {@code capture:} key). */
    public static CaptureSpec defaults() {
        return new CaptureSpec(true, List.of());
    }

    /** {@code capture: false}. */
    public static CaptureSpec off() {
        return new CaptureSpec(false, List.of());
    }
}
