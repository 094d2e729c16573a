package dev.authbisect.venue;

import dev.authbisect.core.ExitException;
import dev.authbisect.venue.binance.BinanceSpotVenue;
import dev.authbisect.venue.cryptocom.CryptoComVenue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The venues authbisect knows, by id. Adding a venue is one new package implementing
 * {@link Venue} and one line in {@link #KNOWN}. Venues are stateless, so one instance each
 * is shared.
 */
public final class Venues {
    private static final Map<String, Venue> KNOWN = index(List.of(
            new CryptoComVenue(),
            new BinanceSpotVenue()));

    private Venues() {
    }

    /** The venue with this id ({@code crypto-com-exchange-v1}), if authbisect knows it. */
    public static Optional<Venue> byId(String id) {
        return Optional.ofNullable(id == null ? null : KNOWN.get(id));
    }

    /**
     * The venue with this id, or a usage error naming the known ids
     * ({@code unknown venue 'x', expected one of: crypto-com-exchange-v1}).
     */
    public static Venue require(String id) {
        return byId(id).orElseThrow(() -> ExitException.usage(
                "unknown venue '" + id + "', expected one of: " + String.join(", ", ids())));
    }

    /** The known ids, in registration order (for "expected one of …" messages). */
    public static List<String> ids() {
        return Collections.unmodifiableList(new ArrayList<>(KNOWN.keySet()));
    }

    private static Map<String, Venue> index(List<Venue> venues) {
        Map<String, Venue> byId = new LinkedHashMap<>();
        for (Venue v : venues) {
            if (byId.put(v.id(), v) != null) {
                throw new IllegalStateException("two venues share the id " + v.id());
            }
        }
        return Collections.unmodifiableMap(byId);
    }
}
