package dev.authbisect.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The simulator dialects on the class path, registered in
 * {@code META-INF/services/dev.authbisect.simulator.Dialect}: the simulator names no venue
 * package, the venues depend on it.
 */
public final class Dialects {
    private Dialects() {
    }

    /** A new instance of the dialect for {@code venue}, if one is registered. */
    public static Optional<Dialect<?>> create(String venue) {
        for (Dialect<?> d : ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader())) {
            if (d.venue().equals(venue)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The venue ids with a dialect, in registration order (for "expected one of …" messages). */
    public static List<String> venues() {
        List<String> ids = new ArrayList<>();
        for (Dialect<?> d : ServiceLoader.load(Dialect.class, Dialects.class.getClassLoader())) {
            ids.add(d.venue());
        }
        return ids;
    }
}
