package dev.authbisect.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides, per request, whether a seeded fault strikes. Each fault has its own generator seeded
 * from the scenario, and every request a fault applies to draws from it once, so the same
 * sequence of requests meets the same faults on every run.
 */
final class FaultInjector {
    private final List<Fault> faults;
    private final List<SplittableRandom> generators = new ArrayList<>();

    FaultInjector(List<Fault> faults) {
        this.faults = List.copyOf(faults);
        for (Fault f : this.faults) {
            generators.add(new SplittableRandom(f.seed()));
        }
    }

    /** The first fault that strikes this request to {@code method}, if any. */
    Optional<Fault> draw(String method) {
        Fault hit = null;
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (!f.appliesTo(method)) {
                continue;
            }
            double roll;
            SplittableRandom g = generators.get(i);
            synchronized (g) {
                roll = g.nextDouble();
            }
            if (hit == null && roll < f.rate()) {
                hit = f;
            }
        }
        return Optional.ofNullable(hit);
    }
}
