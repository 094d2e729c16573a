package dev.authbisect.analysis;

import java.util.Objects;

/**
 * A problem every module version of one call shows in one environment that the set-up explains, not
 * the code: a harness mistake (its kind is HARNESS) or a skewed clock (ENVIRONMENT). Found by
 * {@link SetupRules}.
 *
 * @param reason   the rule that found it
 * @param evidence what shows it, in words that fit after a colon: the clock check ("nonce … is 348 days after the
 *                 simulator's clock … (window 60 s)"), the keys ("the code sent key z3HWF8…#a1c2 but `prod` is
 *                 configured with raHZAk…#3f2a"), the refused hosts, the skip counts
 * @param fix      one sentence saying what to change (harness), or empty
 * @param skewMs   for a clock rule: how far the upstream's clock is ahead of this host's (negative: behind)
 */
record SetupProblem(Cause.Reason reason, String evidence, String fix, long skewMs) {
    SetupProblem {
        Objects.requireNonNull(reason, "reason");
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
    }
}
