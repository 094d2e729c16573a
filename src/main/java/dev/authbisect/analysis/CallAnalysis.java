package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one call's cells environment by environment (README "Outcomes and verdicts"): the shape along the
 * commit axis, a set-up problem every module version shows ({@link SetupRules}), then the cause of
 * an environment where every module version fails.
 */
final class CallAnalysis {
    private final RunResult result;
    private final History history;
    private final List<Row> rows;
    private final Optional<Row> reference;
    private final List<String> envs;
    private final String call;
    private final Map<String, Cell> cells = new HashMap<>();

    CallAnalysis(RunResult result, History history, List<Row> orderedRows, List<String> envs, String call) {
        this.result = result;
        this.history = history;
        this.rows = orderedRows;
        this.reference = result.rows().stream().filter(Row::isReference).findFirst();
        this.envs = envs;
        this.call = call;
        for (Cell c : result.cells()) {
            if (c.call().equals(call)) {
                cells.putIfAbsent(key(c.row(), c.env()), c);
            }
        }
    }

    private static String key(String row, String env) {
        return row + "\u0000" + env;
    }

    Optional<Cell> cell(String row, String env) {
        return Optional.ofNullable(cells.get(key(row, env)));
    }

    List<EnvFinding> findings() {
        Map<String, EnvFinding> shaped = new LinkedHashMap<>();
        for (String env : envs) {
            shaped.put(env, shape(env));
        }
        List<EnvFinding> out = new ArrayList<>();
        for (EnvFinding f : shaped.values()) {
            if (f.setup().isPresent()) {
                out.add(f);
            } else if (f.shape() == EnvFinding.Shape.ALL_FAIL) {
                out.add(weigh(f, shaped));
            } else if (f.shape() == EnvFinding.Shape.CHANGES && f.allFail()) {
                // every version fails here, only differently (40101, then 40002 …): when the reference row (or another
                // environment) shows the environment is why it fails at all, that is the cause; the other codes are named
                EnvFinding everyVersionFails = weigh(f.asAllFail(), shaped);
                out.add(everyVersionFails.blame() == EnvFinding.Blame.ENVIRONMENT ? everyVersionFails : f);
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private EnvFinding shape(String env) {
        List<Row> decided = new ArrayList<>();
        List<Row> gaps = new ArrayList<>();
        Map<String, CellState> states = new LinkedHashMap<>();
        Map<Outcome, Integer> undecided = new LinkedHashMap<>();
        Map<String, Cell> here = new HashMap<>();
        for (Row r : rows) {
            Optional<Cell> c = cell(r.id(), env);
            c.ifPresent(x -> here.put(r.id(), x));
            Optional<CellState> s = c.flatMap(CellState::of);
            if (s.isPresent()) {
                decided.add(r);
                states.put(r.id(), s.get());
            } else {
                Outcome o = c.map(Cell::outcome).orElse(null);
                undecided.merge(o, 1, Integer::sum);
                if (o != Outcome.SKIPPED) {
                    gaps.add(r);
                }
            }
        }
        Optional<Cell> ref = reference.flatMap(r -> cell(r.id(), env));
        EnvFinding.Shape shape;
        if (decided.isEmpty()) {
            shape = EnvFinding.Shape.NO_DATA;
        } else if (states.values().stream().allMatch(CellState::ok)) {
            shape = EnvFinding.Shape.ALL_PASS;
        } else if (states.values().stream().noneMatch(CellState::ok) && states.values().stream().distinct().count() == 1) {
            shape = EnvFinding.Shape.ALL_FAIL;
        } else {
            shape = EnvFinding.Shape.CHANGES;
        }
        List<Transition> transitions = List.of();
        EnvFinding.Blame blame = EnvFinding.Blame.NONE;
        if (shape == EnvFinding.Shape.CHANGES) {
            blame = EnvFinding.Blame.CODE;
            transitions = TransitionFinder.find(history, env, commit -> history.rowOf(commit)
                    .flatMap(row -> Optional.ofNullable(states.get(row.id()))));
        }
        EnvFinding f = new EnvFinding(env, shape, blame, decided, states, undecided, gaps, ref, EnvFinding.Evidence.NONE,
                List.of(), transitions, Optional.empty());
        Optional<SetupProblem> setup = SetupRules.find(env, rows, here, decided, keyId(env));
        return setup.map(f::withSetup).orElse(f);
    }

    private String keyId(String env) {
        return result.environments().stream().filter(e -> e.name().equals(env)).map(RunResult.Environment::keyId)
                .filter(k -> k != null).findFirst().orElse("");
    }

    /** Every module version fails here: does the reference row or another environment tell why? */
    private EnvFinding weigh(EnvFinding f, Map<String, EnvFinding> all) {
        CellState fail = f.failState();
        List<String> passElsewhere = new ArrayList<>();
        for (EnvFinding other : all.values()) {
            if (other.env().equals(f.env()) || other.setup().filter(p -> p.reason().kind() == Cause.Kind.HARNESS).isPresent()) {
                continue; // an environment whose set-up is wrong proves nothing about this one
            }
            boolean someoneHere = f.decided().stream()
                    .anyMatch(r -> other.states().containsKey(r.id()) && other.states().get(r.id()).ok());
            if (someoneHere) {
                passElsewhere.add(other.env());
            }
        }
        Optional<CellState> ref = f.referenceState();
        if (ref.isPresent() && !ref.get().ok() && ref.get().outcome() == fail.outcome()) {
            return f.weighed(EnvFinding.Blame.ENVIRONMENT, EnvFinding.Evidence.REFERENCE_FAILS_ALIKE, passElsewhere);
        }
        if (ref.isPresent() && ref.get().ok()) {
            return f.weighed(EnvFinding.Blame.CODE, EnvFinding.Evidence.REFERENCE_PASSES, passElsewhere);
        }
        if (!passElsewhere.isEmpty()) {
            return f.weighed(EnvFinding.Blame.ENVIRONMENT, EnvFinding.Evidence.PASSES_ELSEWHERE, passElsewhere);
        }
        return f.weighed(EnvFinding.Blame.UNDETERMINED, EnvFinding.Evidence.NOTHING_TELLS, passElsewhere);
    }

    String call() {
        return call;
    }

    RunResult result() {
        return result;
    }

    History history() {
        return history;
    }

    List<String> envs() {
        return envs;
    }

    /** The module-version rows, history order. */
    List<Row> rows() {
        return rows;
    }
}
