package dev.authbisect.analysis;

import java.util.Objects;

/**
 * A change of a call's outcome along history in one environment: between a parent commit
 * and its child whose module versions answer differently.
 *
 * @param env       environment name
 * @param kind      BROKE (good → bad), FIXED (bad → good) or CHANGED (one failure → another)
 * @param lastGood  for BROKE: the last good commit (the parent); for FIXED: the last bad one; for CHANGED: the parent
 * @param firstBad  for BROKE: the first bad commit; for FIXED: the first good one (the fix); for CHANGED: the child
 * @param from      outcome label before ("OK", "40101 UNAUTHORIZED")
 * @param to        outcome label after
 */
public record Transition(String env, Kind kind, String lastGood, String firstBad, String from, String to) {
    public enum Kind { BROKE, FIXED, CHANGED }

    public Transition {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lastGood, "lastGood");
        Objects.requireNonNull(firstBad, "firstBad");
        from = from == null ? "" : from;
        to = to == null ? "" : to;
    }
}
