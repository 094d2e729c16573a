package dev.authbisect.relay;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which hosts the egress sentinel captures for one environment (README "Live upstreams and hard-coded URLs", HTTPS
 * capture): a {@code CONNECT} to one of them is terminated with the run's CA and forwarded to the
 * environment's upstream; every other host is refused and recorded.
 *
 * @param on    false when the environment says {@code capture: false}
 * @param hosts the venue's own API hosts and the environment's {@code capture:} list (lower case),
 *              captured when {@code on}
 */
public record CapturePolicy(boolean on, Set<String> hosts) {
    public CapturePolicy {
        Objects.requireNonNull(hosts, "hosts");
        TreeSet<String> lower = new TreeSet<>();
        hosts.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        hosts = java.util.Collections.unmodifiableSet(lower);
    }

    /** Captures nothing (the relay's default for a target that does not say). */
    public static CapturePolicy off() {
        return new CapturePolicy(false, Set.of());
    }

    public boolean captures(String host) {
        return on && hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Why a request to {@code host} through the proxy was refused, for the record. */
    String refusal(String host) {
        if (!on && hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return "capture is off for this environment";
        }
        return "not a captured host";
    }

    /** "off", or the captured hosts: "api.crypto.com, uat-api.3ona.co". */
    public String describe() {
        return on ? String.join(", ", hosts) : "off";
    }
}
