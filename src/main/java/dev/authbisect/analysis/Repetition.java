package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import java.util.Objects;

/** One repetition of a cell (with {@code --repeat N}). */
public record Repetition(Outcome outcome, Integer venueCode, Integer httpStatus, Long latencyMs) {
    public Repetition {
        Objects.requireNonNull(outcome, "outcome");
    }
}
