package dev.authbisect.bisect;

import dev.authbisect.core.Outcome;
import java.util.Objects;

/**
 * What the tester saw for one module version.
 *
 * @param outcome the outcome class
 * @param detail  short evidence for logs, e.g. the venue code {@code 40101}; may be empty
 */
public record TrialOutcome(Outcome outcome, String detail) {
    public TrialOutcome {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public static TrialOutcome of(Outcome outcome) {
        return new TrialOutcome(outcome, "");
    }
}
