package dev.authbisect.core;

/**
 * The class of one cell (row × environment × call), see README "Outcomes and verdicts".
 * {@link #FLAKY} is only produced by aggregation when repetitions disagree.
 */
public enum Outcome {
    /** The venue answered success (Crypto.com: {@code code: 0}). */
    OK,
    /** The venue rejected the caller (40101, 40102, 40103, 40104, or HTTP 401/403 without an envelope). */
    AUTH_REJECTED,
    /** Any other venue error code (e.g. 40002 METHOD_NOT_FOUND). */
    API_ERROR,
    /**
     * The venue's rate-limit answer (Crypto.com 42901, HTTP 429, a Retry-After): never an auth result,
     * a skip for {@code bisect}.
     */
    RATE_LIMITED,
    /** Connect refused, DNS, TLS, timeout, reset, 5xx without an envelope: never an auth result. */
    TRANSPORT_ERROR,
    /** The probe ran but the call never reached the relay. */
    NOT_SENT,
    /** The build failed, the module version was refused (a hostile tree), or the probe exited 125. */
    SKIPPED,
    /** The probe crashed or timed out before the call. */
    PROBE_ERROR,
    /** Repetitions of the same cell disagreed. */
    FLAKY;

    /** True for classes that say something about auth behaviour (they can decide a verdict). */
    public boolean decisive() {
        return this == OK || this == AUTH_REJECTED || this == API_ERROR || this == NOT_SENT;
    }

    /** True for decisive failures. */
    public boolean failing() {
        return decisive() && this != OK;
    }
}
