package dev.authbisect.relay;

/**
 * A probe's attempt to reach a host other than the relay, refused by the egress sentinel.
 *
 * @param method  the proxy request method ({@code CONNECT}, {@code GET} …)
 * @param target  host:port or the URL without its query (redacted)
 * @param atMillis when, epoch millis
 */
public record EgressAttempt(String method, String target, long atMillis) {
    /** "GET http://api.ipify.org/" */
    public String describe() {
        return method + " " + target;
    }
}
