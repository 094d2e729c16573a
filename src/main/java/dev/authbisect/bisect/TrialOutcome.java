package dev.authbisect.bisect;

import dev.authbisect.core.Outcome;
import java.util.Objects;

/**
 * What the tester saw for one module version (or the reference client).
 *
 * @param outcome     the outcome class (FLAKY when repetitions disagreed)
 * @param detail      short evidence for logs, e.g. the venue code {@code 40101 UNAUTHORIZED}; may be empty
 * @param diagnosis   what the relay's checks found, one line ("signature INVALID: end_time rendered
 *                    1766131200000.0 vs 1766131200000"); may be empty
 * @param repetitions how many times it ran ({@code --repeat N})
 * @param agreed      false when the repetitions disagreed (the point is then a skip)
 * @param setup       when the test set-up, not the code, explains this result (a nonce off the simulator's fixed
 *                    clock, another api_key, no request reaching the relay …): one line saying so; else empty
 */
public record TrialOutcome(Outcome outcome, String detail, String diagnosis, int repetitions, boolean agreed,
                           String setup) {
    public TrialOutcome {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        diagnosis = diagnosis == null ? "" : diagnosis;
        repetitions = Math.max(1, repetitions);
        setup = setup == null ? "" : setup;
    }

    public TrialOutcome(Outcome outcome, String detail) {
        this(outcome, detail, "", 1, true, "");
    }

    public static TrialOutcome of(Outcome outcome) {
        return new TrialOutcome(outcome, "");
    }

    /** "AUTH_REJECTED 40101 UNAUTHORIZED", "OK", "TRANSPORT_ERROR". */
    public String label() {
        return outcome.name() + (detail.isEmpty() || detail.equals(outcome.name()) ? "" : " " + detail);
    }
}
