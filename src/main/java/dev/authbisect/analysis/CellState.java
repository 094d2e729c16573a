package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;

/**
 * The decisive state of a cell as the verdict compares it: the outcome class and its label
 * ("OK", "40101 UNAUTHORIZED"), and the venue code the label names (null when none). Two failures
 * differ when their codes differ.
 */
record CellState(Outcome outcome, String label, Integer venueCode) {
    static java.util.Optional<CellState> of(Cell cell) {
        if (cell == null || !cell.outcome().decisive()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CellState(cell.outcome(),
                cell.outcome() == Outcome.OK ? "OK" : cell.codeLabel(), cell.outcome() == Outcome.OK ? null : cell.answer().venueCode()));
    }

    boolean ok() {
        return outcome == Outcome.OK;
    }
}
