package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the module-version rows of one call say in one environment (before combining
 * environments into a verdict).
 *
 * @param env           environment name
 * @param shape         how the decided rows answer
 * @param blame         what the shape means once the set-up, the reference row and the other environments are weighed
 * @param decided       the rows with a decisive outcome, in history order
 * @param states        row id → decisive state, for the decided rows
 * @param undecided     count of undecided rows by outcome (SKIPPED, PROBE_ERROR, TRANSPORT_ERROR, FLAKY …, or null
 *                      for rows without a cell)
 * @param gaps          the undecided rows that could have answered (everything undecided but SKIPPED, which the
 *                      probe or the build declared untestable), in history order
 * @param reference     the reference row's cell here, if any
 * @param evidence      how the blame was decided
 * @param passElsewhere environments where some of the rows failing here pass
 * @param transitions   for CHANGES: where the outcome changes along history
 * @param setup         a set-up problem every module version shows here (harness, or a skewed clock), if any
 */
record EnvFinding(String env, Shape shape, Blame blame, List<Row> decided, Map<String, CellState> states,
                  Map<Outcome, Integer> undecided, List<Row> gaps, Optional<Cell> reference, Evidence evidence,
                  List<String> passElsewhere, List<Transition> transitions, Optional<SetupProblem> setup) {

    enum Shape { NO_DATA, ALL_PASS, ALL_FAIL, CHANGES }

    enum Blame { NONE, CODE, ENVIRONMENT, HARNESS, UNDETERMINED }

    enum Evidence { NONE, REFERENCE_FAILS_ALIKE, PASSES_ELSEWHERE, REFERENCE_PASSES, NOTHING_TELLS, SETUP }

    EnvFinding {
        gaps = List.copyOf(gaps);
        passElsewhere = List.copyOf(passElsewhere);
        transitions = List.copyOf(transitions);
    }

    EnvFinding weighed(Blame newBlame, Evidence newEvidence, List<String> newPassElsewhere) {
        return new EnvFinding(env, shape, newBlame, decided, states, undecided, gaps, reference, newEvidence,
                newPassElsewhere, transitions, setup);
    }

    /** The same rows read as "every version fails" (they fail with different codes). */
    EnvFinding asAllFail() {
        return new EnvFinding(env, Shape.ALL_FAIL, Blame.NONE, decided, states, undecided, gaps, reference, Evidence.NONE,
                List.of(), List.of(), setup);
    }

    /** The set-up explains this environment: a harness cause, or an environment one (a skewed clock). */
    EnvFinding withSetup(SetupProblem problem) {
        Blame b = problem.reason().kind() == Cause.Kind.HARNESS ? Blame.HARNESS : Blame.ENVIRONMENT;
        return new EnvFinding(env, shape, b, decided, states, undecided, gaps, reference, Evidence.SETUP, List.of(),
                List.of(), Optional.of(problem));
    }

    /** Undecided rows that could change what this environment says (a harness problem or no data says nothing anyway). */
    boolean provisional() {
        return !gaps.isEmpty() && shape != Shape.NO_DATA && blame != Blame.HARNESS;
    }

    int decidedCommits() {
        return decided.stream().mapToInt(r -> r.commits().size()).sum();
    }

    int undecidedCount() {
        return undecided.values().stream().mapToInt(Integer::intValue).sum();
    }

    Optional<CellState> referenceState() {
        return reference.flatMap(CellState::of);
    }

    /** The failing state of an ALL_FAIL finding: the most common one when versions fail differently. */
    CellState failState() {
        return failCounts().keySet().iterator().next();
    }

    /** True when every decided row fails. */
    boolean allFail() {
        return !states.isEmpty() && states.values().stream().noneMatch(CellState::ok);
    }

    /** "40101 UNAUTHORIZED", or "40101 UNAUTHORIZED (5 versions) or 40002 METHOD_NOT_FOUND (1)" when they differ. */
    String failLabels() {
        Map<CellState, Long> counts = failCounts();
        if (counts.size() == 1) {
            return failState().label();
        }
        List<String> parts = new java.util.ArrayList<>();
        boolean first = true;
        for (Map.Entry<CellState, Long> e : counts.entrySet()) {
            parts.add(e.getKey().label() + " (" + e.getValue() + (first ? (e.getValue() == 1 ? " version" : " versions") : "") + ")");
            first = false;
        }
        return String.join(" or ", parts);
    }

    /** Failing states by how many versions have them, most first (ties: history order). */
    private Map<CellState, Long> failCounts() {
        Map<CellState, Long> counts = new java.util.LinkedHashMap<>();
        states.values().stream().filter(st -> !st.ok()).forEach(st -> counts.merge(st, 1L, Long::sum));
        Map<CellState, Long> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<CellState, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
