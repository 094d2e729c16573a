package dev.authbisect.venue.cryptocom;

import dev.authbisect.simulator.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods the simulator serves per API version, whether they are private and the
 * permission they need. A method not listed under a version is METHOD_NOT_FOUND there — e.g.
 * {@code private/get-account-summary} exists only under {@code /v2}.
 */
final class MethodCatalog {
    record Spec(String name, boolean isPrivate, Permission permission) {
    }

    private static final Map<String, Spec> V1 = new LinkedHashMap<>();
    private static final Map<String, Spec> V2 = new LinkedHashMap<>();

    static {
        pub(V1, "public/get-instruments");
        pub(V1, "public/get-tickers");
        priv(V1, "private/user-balance", Permission.READ);
        priv(V1, "private/get-open-orders", Permission.READ);
        priv(V1, "private/get-order-history", Permission.READ);
        priv(V1, "private/get-currency-networks", Permission.READ);
        priv(V1, "private/create-order", Permission.TRADE);
        priv(V1, "private/create-order-list", Permission.TRADE);
        priv(V1, "private/cancel-order", Permission.TRADE);

        pub(V2, "public/get-instruments");
        priv(V2, "private/get-account-summary", Permission.READ);
        priv(V2, "private/get-open-orders", Permission.READ);
        priv(V2, "private/get-order-history", Permission.READ);
        priv(V2, "private/create-order", Permission.TRADE);
        priv(V2, "private/cancel-order", Permission.TRADE);
    }

    private MethodCatalog() {
    }

    private static void pub(Map<String, Spec> m, String name) {
        m.put(name, new Spec(name, false, Permission.READ));
    }

    private static void priv(Map<String, Spec> m, String name, Permission p) {
        m.put(name, new Spec(name, true, p));
    }

    static Optional<Spec> find(ApiVersion version, String method) {
        return Optional.ofNullable((version == ApiVersion.V1 ? V1 : V2).get(method));
    }

    /** Every method name served under some version (for validating scenario files). */
    static Set<String> allNames() {
        Set<String> names = new TreeSet<>(V1.keySet());
        names.addAll(V2.keySet());
        return names;
    }
}
