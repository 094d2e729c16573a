package dev.authbisect.relay;

/**
 * A probe's attempt to reach a host other than the relay, refused by the egress sentinel.
 *
 * @param method   the proxy request method ({@code CONNECT}, {@code GET} …)
 * @param target   host:port or the URL without its query (redacted)
 * @param atMillis when, epoch millis
 * @param refusal  why it was refused: "not a captured host", "capture is off for this environment"
 */
public record EgressAttempt(String method, String target, long atMillis, String refusal) {
    public EgressAttempt {
        refusal = refusal == null ? "" : refusal;
    }

    public EgressAttempt(String method, String target, long atMillis) {
        this(method, target, atMillis, "");
    }

    /** "GET http://api.ipify.org/", "CONNECT api.crypto.com:443" */
    public String describe() {
        return method + " " + target;
    }

    /** "CONNECT api.crypto.com:443 (refused: capture is off for this environment)" */
    public String explain() {
        return describe() + (refusal.isEmpty() ? "" : " (refused: " + refusal + ")");
    }
}
