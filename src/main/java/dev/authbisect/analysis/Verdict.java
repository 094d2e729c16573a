package dev.authbisect.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The answer for one call: does its failure track the code or the environment — or does the
 * harness set-up explain it?
 *
 * @param call        call name
 * @param verdict     the verdict
 * @param sentences   sentences a person can paste into an RCA
 * @param transitions where outcomes change along history, per environment
 * @param causes      the causes found, one per environment and kind (machine-readable; the sentences say the same)
 * @param provisional true when module versions that could change the verdict are undecided (transport error,
 *                    probe error, flaky, rate limited …) or an environment's set-up must be fixed first: the
 *                    verdict can change once they are tested again
 * @param undecided   the module versions that make it provisional, per environment
 */
public record Verdict(String call, Kind verdict, List<String> sentences, List<Transition> transitions,
                      List<Cause> causes, boolean provisional, List<Undecided> undecided) {
    /**
     * PASS, TRACKS_CODE, TRACKS_ENVIRONMENT and MIXED as in README "Outcomes and verdicts"; HARNESS when the test set-up (the probe, its
     * variables, its clock, the build) explains what fails and no code or environment cause was found; INCONCLUSIVE
     * when the evidence decides nothing.
     */
    public enum Kind { PASS, TRACKS_CODE, TRACKS_ENVIRONMENT, MIXED, HARNESS, INCONCLUSIVE }

    /**
     * A module version without a decisive result where one could change the verdict.
     *
     * @param env     environment
     * @param row     the module version's row id
     * @param commit  its first commit (full id), or empty
     * @param outcome what it gave instead (TRANSPORT_ERROR, PROBE_ERROR, FLAKY …; null when it has no cell)
     */
    public record Undecided(String env, String row, String commit, dev.authbisect.core.Outcome outcome) {
        public Undecided {
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(row, "row");
            commit = commit == null ? "" : commit;
        }
    }

    public Verdict {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(verdict, "verdict");
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        causes = causes == null ? List.of() : List.copyOf(causes);
        undecided = undecided == null ? List.of() : List.copyOf(undecided);
    }

    /** A final verdict without causes (results written before causes were recorded). */
    public Verdict(String call, Kind verdict, List<String> sentences, List<Transition> transitions) {
        this(call, verdict, sentences, transitions, List.of(), false, List.of());
    }

    /** TRACKS_CODE, TRACKS_ENVIRONMENT or MIXED: something fails for a reason found. */
    public boolean failing() {
        return verdict == Kind.TRACKS_CODE || verdict == Kind.TRACKS_ENVIRONMENT || verdict == Kind.MIXED;
    }
}
