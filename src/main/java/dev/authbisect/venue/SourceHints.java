package dev.authbisect.venue;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How source code that talks to a venue looks, for {@code authbisect init}: the venue's hosts,
 * the shape of its method names, and the base URL of its live API.
 *
 * @param hosts         hosts client code names ({@code api.crypto.com})
 * @param methodPattern a venue method name as it appears in a string literal ({@code private/get-open-orders})
 * @param liveBaseUrl   the live API's base URL, for the commented-out live environment {@code init} writes
 */
public record SourceHints(List<String> hosts, Pattern methodPattern, String liveBaseUrl) {
    public SourceHints {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(methodPattern, "methodPattern");
        Objects.requireNonNull(liveBaseUrl, "liveBaseUrl");
    }
}
