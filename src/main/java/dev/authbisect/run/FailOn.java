package dev.authbisect.run;

import dev.authbisect.analysis.Verdict;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.ExitException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which verdicts make {@code authbisect run} exit 3 ({@code --fail-on LIST}), so a nightly job
 * fails on what the team cares about. Exit 4 (incomplete) and 0 are decided as before: only a final
 * verdict can make the run exit 3; when none does, a provisional, HARNESS or INCONCLUSIVE verdict (or an
 * undecided environment × call) makes it 4 whatever the list says, including {@code never} — the run did
 * not answer the question, and choosing which failures matter does not change that.
 *
 * <ul>
 *   <li>{@code any-failing-cell} (the default): any verdict that found a cause of failure —
 *       TRACKS_CODE, TRACKS_ENVIRONMENT or MIXED;</li>
 *   <li>{@code code}: a verdict with a code cause (TRACKS_CODE, MIXED);</li>
 *   <li>{@code environment}: a verdict with an environment cause (TRACKS_ENVIRONMENT, MIXED);</li>
 *   <li>{@code never}: no verdict makes the run exit 3.</li>
 * </ul>
 *
 * <pre>{@code
 * MatrixRun.of(config).failOn(FailOn.parse("code")).call();
 * }</pre>
 */
public record FailOn(Set<Condition> conditions) {
    /** One value of {@code --fail-on}. */
    public enum Condition {
        ANY_FAILING_CELL, CODE, ENVIRONMENT, NEVER;

        /** As written on the command line ({@code any-failing-cell}). */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Today's rule: any failing verdict. */
    public static final FailOn DEFAULT = new FailOn(EnumSet.of(Condition.ANY_FAILING_CELL));

    public FailOn {
        conditions = conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw ExitException.usage("--fail-on: expected at least one of " + expected());
        }
        if (conditions.contains(Condition.NEVER) && conditions.size() > 1) {
            throw ExitException.usage("--fail-on: 'never' cannot be combined with other values");
        }
    }

    /** Parses a comma-separated list such as {@code code,environment}; unknown values are usage errors. */
    public static FailOn parse(String list) {
        Set<Condition> out = EnumSet.noneOf(Condition.class);
        for (String raw : list.split(",")) {
            String s = raw.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            Condition c = java.util.Arrays.stream(Condition.values()).filter(x -> x.text().equals(s)).findFirst()
                    .orElseThrow(() -> ExitException.usage("--fail-on: unknown value '" + raw.strip() + "' (expected a comma-separated list of "
                            + expected() + ")"));
            out.add(c);
        }
        return new FailOn(out);
    }

    /** Whether {@code v} makes the run exit 3. */
    public boolean fails(Verdict v) {
        for (Condition c : conditions) {
            boolean hit = switch (c) {
                case ANY_FAILING_CELL -> VerdictAnalyzer.failing(v);
                case CODE -> v.verdict() == Verdict.Kind.TRACKS_CODE || v.verdict() == Verdict.Kind.MIXED;
                case ENVIRONMENT -> v.verdict() == Verdict.Kind.TRACKS_ENVIRONMENT || v.verdict() == Verdict.Kind.MIXED;
                case NEVER -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** {@code code,environment} */
    public String text() {
        return conditions.stream().map(Condition::text).collect(Collectors.joining(","));
    }

    private static String expected() {
        return java.util.Arrays.stream(Condition.values()).map(Condition::text).collect(Collectors.joining(", "));
    }
}
