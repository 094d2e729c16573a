package dev.authbisect.simulator;

/**
 * How the exchange treats one method ({@code policies: {private/get-order-history: {enforce_ip_allowlist: false}}}).
 * The seed incident's "some endpoints work" came from a method that did not enforce the allowlist.
 */
public record MethodPolicy(boolean enforceIpAllowlist) {
    public static final MethodPolicy DEFAULT = new MethodPolicy(true);
}
