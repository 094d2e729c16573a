package dev.authbisect.venue;

import dev.authbisect.core.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the relay saw it (or as the reference signer builds it), relative to
 * the environment's base URL.
 *
 * @param method  HTTP method ({@code POST})
 * @param path    path below the base URL, starting with '/', e.g. {@code /private/get-open-orders}
 * @param query   raw query string without '?', or empty
 * @param headers header names in lower case
 * @param body    raw body bytes (empty for none)
 */
public record RawRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public RawRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = HeaderNames.lowerCased(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static RawRequest post(String path, String jsonBody) {
        return new RawRequest("POST", path, "", Map.of("content-type", List.of("application/json")),
                jsonBody.getBytes(StandardCharsets.UTF_8));
    }

    public static RawRequest get(String path, String query) {
        return new RawRequest("GET", path, query, Map.of(), new byte[0]);
    }

    public Optional<String> header(String name) {
        return HeaderNames.first(headers, name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRequest r && method.equals(r.method) && path.equals(r.path) && query.equals(r.query)
                && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RawRequest[" + method + " " + path + (query.isEmpty() ? "" : "?…") + ", " + body.length + " bytes]";
    }
}
