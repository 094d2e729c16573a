package dev.authbisect.venue.binance;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Binance spot REST endpoints authbisect knows, by venue method ({@code GET /api/v3/account}):
 * how each is secured and whether it changes anything. The reference signer, the verifier and the
 * simulator dialect read this one table.
 */
public final class BinanceEndpoints {

    /** Binance's security types: public, API key only ({@code X-MBX-APIKEY}), or signed. */
    public enum Security { NONE, API_KEY, SIGNED }

    /**
     * One endpoint.
     *
     * @param httpMethod {@code GET}, {@code POST}, {@code DELETE} or {@code PUT}
     * @param path       the path below the host ({@code /api/v3/order})
     * @param security   how it is secured
     * @param trades     true when it creates, cancels or changes orders (needs the key's trade permission)
     */
    public record Endpoint(String httpMethod, String path, Security security, boolean trades) {
        /** The venue method: {@code GET /api/v3/order}. */
        public String method() {
            return httpMethod + " " + path;
        }
    }

    private static final Map<String, Endpoint> KNOWN = new LinkedHashMap<>();

    static {
        pub("GET", "/api/v3/ping");
        pub("GET", "/api/v3/time");
        pub("GET", "/api/v3/exchangeInfo");
        pub("GET", "/api/v3/depth");
        pub("GET", "/api/v3/trades");
        pub("GET", "/api/v3/klines");
        pub("GET", "/api/v3/avgPrice");
        pub("GET", "/api/v3/ticker/24hr");
        pub("GET", "/api/v3/ticker/price");
        pub("GET", "/api/v3/ticker/bookTicker");
        signed("GET", "/api/v3/account", false);
        signed("GET", "/api/v3/openOrders", false);
        signed("GET", "/api/v3/allOrders", false);
        signed("GET", "/api/v3/myTrades", false);
        signed("GET", "/api/v3/order", false);
        signed("GET", "/api/v3/rateLimit/order", false);
        signed("GET", "/api/v3/account/commission", false);
        signed("POST", "/api/v3/order", true);
        signed("POST", "/api/v3/order/test", true);
        signed("DELETE", "/api/v3/order", true);
        signed("DELETE", "/api/v3/openOrders", true);
        add(new Endpoint("POST", "/api/v3/userDataStream", Security.API_KEY, false));
        add(new Endpoint("PUT", "/api/v3/userDataStream", Security.API_KEY, false));
        add(new Endpoint("DELETE", "/api/v3/userDataStream", Security.API_KEY, false));
    }

    private BinanceEndpoints() {
    }

    private static void pub(String m, String path) {
        add(new Endpoint(m, path, Security.NONE, false));
    }

    private static void signed(String m, String path, boolean trades) {
        add(new Endpoint(m, path, Security.SIGNED, trades));
    }

    private static void add(Endpoint e) {
        KNOWN.put(e.method(), e);
    }

    /** The endpoint for an HTTP method and path, if known. */
    public static Optional<Endpoint> find(String httpMethod, String path) {
        return Optional.ofNullable(KNOWN.get(httpMethod.toUpperCase(Locale.ROOT) + " " + path));
    }

    /** The endpoint a venue method names ({@code GET /api/v3/account}), if known. */
    public static Optional<Endpoint> find(String method) {
        return parse(method).flatMap(p -> find(p[0], p[1]));
    }

    /** Whether some endpoint lives at {@code path} (under any HTTP method). */
    public static boolean knownPath(String path) {
        return KNOWN.values().stream().anyMatch(e -> e.path().equals(path));
    }

    /** Every endpoint, in the table's order. */
    public static java.util.Collection<Endpoint> all() {
        return java.util.Collections.unmodifiableCollection(KNOWN.values());
    }

    /**
     * A configured method as {@code [httpMethod, path]}: {@code "POST /api/v3/order"}, or a bare
     * path ({@code /api/v3/account}, meaning GET).
     */
    public static Optional<String[]> parse(String method) {
        if (method == null) {
            return Optional.empty();
        }
        String m = method.strip();
        int space = m.indexOf(' ');
        String verb = space < 0 ? "GET" : m.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? m : m.substring(space + 1).strip();
        if (!path.startsWith("/") || !verb.matches("GET|POST|PUT|DELETE")) {
            return Optional.empty();
        }
        return Optional.of(new String[] {verb, path});
    }
}
