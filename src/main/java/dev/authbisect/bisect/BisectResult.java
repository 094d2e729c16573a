package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import dev.authbisect.core.ExitCodes;
import java.util.List;
import java.util.Objects;

/** How a bisection ended. Every result carries how it started, the steps and any warnings. */
public sealed interface BisectResult {
    BisectStart start();

    List<Step> steps();

    /** Warnings git would print on the way (e.g. a merge base that had to be skipped). */
    List<String> warnings();

    /**
     * The exit code for {@code authbisect bisect}: {@link ExitCodes#OK} when the first bad commit was
     * found, {@link ExitCodes#INCOMPLETE} for every other ending (only skips left, a bad merge base,
     * nothing testable), as none of them names one commit.
     */
    default int exitCode() {
        return this instanceof Found ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    /** Trials that ran the tester (the rest reused an earlier result). */
    default long testsRun() {
        return steps().stream().filter(Step::tested).count();
    }

    /**
     * The first bad commit: bad, with every parent in the range good. It is the first commit of the
     * first bad module version along the history, the commit {@code git bisect} names.
     *
     * @param moduleVersion its module version id
     */
    record Found(BisectStart start, CommitLabel commit, String moduleVersion, List<Step> steps, List<String> warnings)
            implements BisectResult {
        public Found {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(commit, "commit");
            moduleVersion = moduleVersion == null ? "" : moduleVersion;
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Only skipped commits are left: the first bad commit is one of {@code candidates} (the skipped
     * ones, then the current bad commit), as git lists them.
     */
    record OnlySkippedLeft(BisectStart start, List<CommitLabel> candidates, List<Step> steps, List<String> warnings)
            implements BisectResult {
        public OnlySkippedLeft {
            Objects.requireNonNull(start, "start");
            candidates = List.copyOf(candidates);
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A merge base of bad and a good that is not its ancestor tested bad: the bug was fixed between
     * {@code mergeBase} and the good commits (git: "The merge base … is bad").
     */
    record MergeBaseBad(BisectStart start, CommitLabel mergeBase, List<CommitLabel> goods, List<Step> steps,
                        List<String> warnings) implements BisectResult {
        public MergeBaseBad {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(mergeBase, "mergeBase");
            goods = List.copyOf(goods);
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * No commit left in the range changes the module version, so none can be tested: the module is
     * the same at a good and at the bad end, and the difference does not come from its code.
     *
     * @param reason one sentence saying which commits share the module version
     */
    record NoTestableCommit(BisectStart start, String reason, List<Step> steps, List<String> warnings)
            implements BisectResult {
        public NoTestableCommit {
            Objects.requireNonNull(start, "start");
            reason = reason == null ? "" : reason;
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
        }
    }
}
