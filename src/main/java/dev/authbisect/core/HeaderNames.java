package dev.authbisect.core;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** HTTP header maps as requests carry them here: names in lower case, values copied, unmodifiable. */
public final class HeaderNames {
    private HeaderNames() {
    }

    /** {@code headers} with lower-case names (null reads as none). */
    public static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> h = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        }
        return Collections.unmodifiableMap(h);
    }

    /** The first value of header {@code name} (any case) in a map made by {@link #lowerCased}. */
    public static Optional<String> first(Map<String, List<String>> lowerCased, String name) {
        List<String> v = lowerCased.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
