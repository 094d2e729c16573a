package dev.authbisect.bisect;

import dev.authbisect.core.ExitException;
import dev.authbisect.core.Outcome;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps an outcome class to good, bad or skip.
 *
 * <ul>
 *   <li>Undecided classes (every class that is not {@link Outcome#decisive()}: {@code SKIPPED},
 *       {@code PROBE_ERROR}, {@code TRANSPORT_ERROR}, {@code RATE_LIMITED}, {@code FLAKY}) are skips: they say
 *       nothing about auth behaviour.</li>
 *   <li>Default: {@code OK} is good, every other decisive class ({@code AUTH_REJECTED},
 *       {@code API_ERROR}, {@code NOT_SENT}) is bad.</li>
 *   <li>With {@code --bad-on A,B}: exactly the listed classes are bad, every other decisive class
 *       is good (so {@code --bad-on AUTH_REJECTED} treats {@code API_ERROR} as good). A listed
 *       undecided class becomes bad too; {@code --bad-on OK} finds the commit that fixed a failure.</li>
 * </ul>
 *
 * @param badOn the classes that are bad; empty means the default
 */
public record BisectTerms(Set<Outcome> badOn) {
    public BisectTerms {
        badOn = badOn == null || badOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(badOn));
    }

    public static BisectTerms defaults() {
        return new BisectTerms(Set.of());
    }

    public static BisectTerms badOn(Collection<Outcome> classes) {
        return new BisectTerms(Set.copyOf(classes));
    }

    /**
     * Parses the value of {@code --bad-on}: outcome class names separated by commas, case-insensitive.
     *
     * @throws ExitException (usage) naming the unknown class and the expected form
     */
    public static BisectTerms parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaults();
        }
        EnumSet<Outcome> set = EnumSet.noneOf(Outcome.class);
        for (String part : spec.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                set.add(Outcome.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ExitException.usage("--bad-on '" + part.trim() + "': unknown outcome class; expected a comma-separated list of "
                        + Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return new BisectTerms(set);
    }

    public boolean isDefault() {
        return badOn.isEmpty();
    }

    /**
     * What counts as bad, in words for the start of the output: "bad = any failure (AUTH_REJECTED, API_ERROR,
     * NOT_SENT); good = OK", or with {@code --bad-on}: "bad = AUTH_REJECTED (--bad-on); good = every other decisive
     * class". Undecided classes are skips either way.
     */
    public String describe() {
        if (isDefault()) {
            return "bad = any failure (AUTH_REJECTED, API_ERROR, NOT_SENT), good = OK, undecided classes are skips";
        }
        String bad = badOn.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        String good = Arrays.stream(Outcome.values()).filter(o -> o.decisive() && !badOn.contains(o)).map(Enum::name)
                .collect(Collectors.joining(", "));
        String fix = badOn.equals(Set.of(Outcome.OK)) ? " (looking for the commit that fixed the call)" : "";
        return "bad = " + bad + " (--bad-on)" + fix + ", good = " + (good.isEmpty() ? "nothing" : good)
                + ", other classes are skips";
    }

    public Term termOf(Outcome outcome) {
        if (badOn.contains(outcome)) {
            return Term.BAD;
        }
        if (!outcome.decisive()) {
            return Term.SKIP;
        }
        if (isDefault()) {
            return outcome == Outcome.OK ? Term.GOOD : Term.BAD;
        }
        return Term.GOOD;
    }
}
