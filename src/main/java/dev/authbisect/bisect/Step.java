package dev.authbisect.bisect;

import dev.authbisect.core.Outcome;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a bisection: a trial and what it gave.
 *
 * @param trial       the commit looked at
 * @param source      whether it was tested now or took an earlier result
 * @param term        good, bad or skip
 * @param outcome     the outcome class; empty when the result came from {@code --good}/{@code --bad} unchecked
 * @param detail      evidence from the tester (e.g. {@code 40101}); may be empty
 * @param reusedFrom  the commit whose result was reused (same module version); empty when tested now
 * @param diagnosis   what the relay's checks found; may be empty
 * @param repetitions how many times the tester ran it
 * @param agreed      false when those repetitions disagreed
 */
public record Step(Trial trial, Source source, Term term, Optional<Outcome> outcome, String detail,
                   Optional<String> reusedFrom, String diagnosis, int repetitions, boolean agreed) {
    /** Where a step's result came from. */
    public enum Source {
        /** The tester ran for this module version. */
        TESTED,
        /** The module version was tested at an earlier step. */
        REUSED,
        /** The module version is that of a commit given as {@code --good} or {@code --bad}. */
        GIVEN
    }

    public Step {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(term, "term");
        outcome = outcome == null ? Optional.empty() : outcome;
        detail = detail == null ? "" : detail;
        reusedFrom = reusedFrom == null ? Optional.empty() : reusedFrom;
        diagnosis = diagnosis == null ? "" : diagnosis;
        repetitions = Math.max(1, repetitions);
    }

    public Step(Trial trial, Source source, Term term, Optional<Outcome> outcome, String detail, Optional<String> reusedFrom) {
        this(trial, source, term, outcome, detail, reusedFrom, "", 1, true);
    }

    public boolean tested() {
        return source == Source.TESTED;
    }
}
