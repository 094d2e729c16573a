package dev.authbisect.relay;

import java.util.Objects;

/**
 * A request the relay answered 400 itself and never forwarded: a path that would leave the
 * upstream's base path, or a control announcement of a call the config does not have.
 *
 * @param kind    what was wrong
 * @param request method and path as received, relative to the trial prefix ({@code GET /%2e%2e/private/x})
 * @param reason  one line, also the body of the 400 the code got
 * @param call    for {@link Kind#UNKNOWN_CALL}, the announced name; empty otherwise
 */
public record Refusal(Kind kind, String request, String reason, String call) {
    public enum Kind { BAD_PATH, UNKNOWN_CALL }

    public Refusal {
        Objects.requireNonNull(kind, "kind");
        request = request == null ? "" : request;
        reason = reason == null ? "" : reason;
        call = call == null ? "" : call;
    }

    /** "GET /%2e%2e/private/x → 400: …" */
    public String describe() {
        return request + " → 400: " + reason;
    }
}
