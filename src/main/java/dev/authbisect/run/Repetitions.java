package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Repetition;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Folds the repetitions of one trial ({@code --repeat N}) into one cell per call: the common
 * outcome when they agree, {@code FLAKY} when they don't, with every repetition listed.
 */
final class Repetitions {
    private Repetitions() {
    }

    /** {@code reps.get(i)} holds repetition i's cells, all in the same call order. */
    static List<Cell> aggregate(List<List<Cell>> reps) {
        if (reps.size() == 1) {
            return reps.get(0);
        }
        List<Cell> out = new ArrayList<>();
        for (int call = 0; call < reps.get(0).size(); call++) {
            List<Cell> same = new ArrayList<>();
            for (List<Cell> rep : reps) {
                same.add(rep.get(call));
            }
            out.add(fold(same));
        }
        return out;
    }

    static Cell fold(List<Cell> same) {
        List<Repetition> list = same.stream()
                .map(Cell::asRepetition).toList();
        boolean agree = same.stream().map(c -> c.outcome() + "/" + c.answer().venueCode()).distinct().count() == 1;
        Cell shown = agree ? same.get(same.size() - 1)
                : same.stream().filter(c -> c.outcome() != Outcome.OK).findFirst().orElse(same.get(0));
        Outcome outcome = agree ? shown.outcome() : Outcome.FLAKY;
        String diagnosis = agree ? shown.diagnosis()
                : "repetitions disagree: " + same.stream().map(Cell::codeLabel).collect(Collectors.joining(", "))
                + (shown.diagnosis().isEmpty() ? "" : "; " + shown.diagnosis());
        return shown.withRepetitions(outcome, diagnosis, list);
    }
}
