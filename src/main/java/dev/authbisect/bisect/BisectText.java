package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import java.util.List;
import java.util.stream.Collectors;

/** The human lines of a bisection: one per step as it goes, and the conclusion. Pure functions. */
public final class BisectText {
    private BisectText() {
    }

    /** Before a test runs: {@code testing 3f2a9c1 (module version 7 of 12, ~3 steps left)}. */
    public static String testing(Trial trial) {
        return "testing " + describe(trial);
    }

    /**
     * After a step: {@code testing 3f2a9c1 (module version 7 of 12, ~3 steps left) → AUTH_REJECTED 40101},
     * or for a reused result {@code … → AUTH_REJECTED 40101 (same module version as 1a2b3c4, not run again)}.
     */
    public static String line(Step step) {
        StringBuilder sb = new StringBuilder(testing(step.trial())).append(" → ");
        sb.append(step.outcome().map(Enum::name).orElse(step.term().word()));
        if (!step.detail().isEmpty()) {
            sb.append(' ').append(step.detail());
        }
        if (step.outcome().isPresent()) {
            sb.append(" (").append(step.term().word()).append(')');
        }
        step.reusedFrom().ifPresent(from -> sb.append(step.source() == Step.Source.GIVEN
                ? " [same module version as " + shortId(from) + ", given as " + step.term().word() + "]"
                : " [same module version as " + shortId(from) + ", not run again]"));
        return sb.toString();
    }

    private static String describe(Trial trial) {
        String what = trial.kind() == Trial.Kind.MERGE_BASE ? "merge base " : "";
        return what + trial.shortId() + " (module version " + trial.moduleVersionOrdinal() + " of "
                + trial.moduleVersionCount() + ", ~" + trial.stepsLeft() + (trial.stepsLeft() == 1 ? " step" : " steps")
                + " left)";
    }

    /** One paragraph saying how the bisection ended, in git's words where git has them. */
    public static String conclusion(BisectResult result) {
        if (result instanceof BisectResult.Found f) {
            return f.commit().id() + " is the first bad commit: " + f.commit().subject()
                    + " (" + f.testsRun() + (f.testsRun() == 1 ? " test" : " tests") + " for " + f.steps().size()
                    + (f.steps().size() == 1 ? " step)" : " steps)");
        }
        if (result instanceof BisectResult.OnlySkippedLeft o) {
            return "There are only 'skip'ped commits left to test. The first bad commit could be any of: "
                    + ids(o.candidates()) + ". We cannot bisect more!";
        }
        if (result instanceof BisectResult.MergeBaseBad m) {
            return "The merge base " + m.mergeBase().id() + " is bad. This means the bug has been fixed between "
                    + m.mergeBase().id() + " and [" + m.goods().stream().map(CommitLabel::id).collect(Collectors.joining(" ")) + "].";
        }
        BisectResult.NoTestableCommit n = (BisectResult.NoTestableCommit) result;
        return "No testable commit found: " + n.reason() + ".";
    }

    static String ids(List<CommitLabel> labels) {
        return labels.stream().map(CommitLabel::id).collect(Collectors.joining(", "));
    }

    static String shortId(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }
}
