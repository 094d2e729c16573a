package dev.authbisect.analysis;

import java.util.List;
import java.util.Objects;

/**
 * The answer for one call: does its failure track the code or the environment?
 *
 * @param call        call name
 * @param verdict     the verdict
 * @param sentences   sentences a person can paste into an RCA
 * @param transitions where outcomes change along history, per environment
 */
public record Verdict(String call, Kind verdict, List<String> sentences, List<Transition> transitions) {
    public enum Kind { PASS, TRACKS_CODE, TRACKS_ENVIRONMENT, MIXED, INCONCLUSIVE }

    public Verdict {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(verdict, "verdict");
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
    }
}
