package dev.authbisect.simulator;

import dev.authbisect.core.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as it reached the simulator, before any venue reads it: what a
 * {@link Dialect} parses. The core has already read the body (at most
 * {@link Exchange#MAX_BODY_BYTES}).
 *
 * @param httpMethod {@code GET}, {@code POST} …
 * @param rawPath    the path as sent, still percent-encoded ({@code /exchange/v1/private/user-balance})
 * @param rawQuery   the query as sent without '?', or empty
 * @param headers    header names in lower case
 * @param body       the body bytes (empty for none)
 */
public record HttpCall(String httpMethod, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public HttpCall {
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = HeaderNames.lowerCased(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (any case), if sent. */
    public Optional<String> header(String name) {
        return HeaderNames.first(headers, name);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpCall[" + httpMethod + " " + rawPath + ", " + body.length + " bytes]";
    }
}
