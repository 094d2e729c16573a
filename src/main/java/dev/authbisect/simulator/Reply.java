package dev.authbisect.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer as a dialect renders it. The core adds {@link SimulatorServer#REASON_HEADER}.
 *
 * @param status      HTTP status
 * @param contentType the {@code Content-Type}
 * @param body        the body bytes
 * @param headers     further headers the venue sends ({@code Retry-After} …), possibly none
 * @param name        for an error, the venue's name for it ({@code UNAUTHORIZED}), which starts the
 *                    reason header; empty for a success
 */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers, String name) {
    public Reply {
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        name = name == null ? "" : name;
    }

    /** A JSON answer. */
    public static Reply json(int status, byte[] body, String name) {
        return new Reply(status, "application/json", body, Map.of(), name);
    }

    /** The body as UTF-8 text (for tests and messages). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
