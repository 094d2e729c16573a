package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import dev.authbisect.core.ExitCodes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a bisection ended. Every result carries how it started, the steps and any warnings. */
public sealed interface BisectResult {
    BisectStart start();

    List<Step> steps();

    /** Warnings git would print on the way (e.g. a merge base that had to be skipped). */
    List<String> warnings();

    /**
     * The exit code for {@code authbisect bisect}: {@link ExitCodes#OK} when the first bad commit was
     * found; {@link ExitCodes#FAILURES} when a premise check showed the failure tracks the environment (a
     * good commit fails and the reference client fails the same way: no commit is to blame);
     * {@link ExitCodes#INCOMPLETE} for every other ending (a premise that does not hold, only skips left, a
     * bad merge base, nothing testable), as none of them names one commit.
     */
    default int exitCode() {
        if (this instanceof Found) {
            return ExitCodes.OK;
        }
        if (this instanceof PremiseFailed p && p.premise() == Premise.GOOD_FAILS_IN_ENVIRONMENT) {
            return ExitCodes.FAILURES;
        }
        return ExitCodes.INCOMPLETE;
    }

    /** Trials that ran the tester (the rest reused an earlier result). */
    default long testsRun() {
        return steps().stream().filter(Step::tested).count();
    }

    /** Tested points whose repetitions agreed (all of them when each point ran once). */
    default long pointsAgreed() {
        return steps().stream().filter(s -> s.tested() && s.agreed()).count();
    }

    /**
     * What one end of the answer showed: a commit, its outcome and the relay's diagnosis.
     *
     * @param commit    the commit
     * @param outcome   its outcome label ("AUTH_REJECTED 40101 UNAUTHORIZED", "OK")
     * @param diagnosis the relay's checks in one line, or empty
     * @param testedAt  the commit its module version was tested at (the same module version), or the commit itself
     */
    record Evidence(CommitLabel commit, String outcome, String diagnosis, String testedAt) {
        public Evidence {
            Objects.requireNonNull(commit, "commit");
            outcome = outcome == null ? "" : outcome;
            diagnosis = diagnosis == null ? "" : diagnosis;
            testedAt = testedAt == null ? commit.id() : testedAt;
        }
    }

    /**
     * The first bad commit: bad, with every parent in the range good. It is the first commit of the
     * first bad module version along the history, the commit {@code git bisect} names.
     *
     * @param moduleVersion its module version id
     * @param firstBad      what its module version showed, when it was tested
     * @param lastGood      what the parent it was compared with showed (the last good commit), when known
     */
    record Found(BisectStart start, CommitLabel commit, String moduleVersion, List<Step> steps, List<String> warnings,
                 Optional<Evidence> firstBad, Optional<Evidence> lastGood)
            implements BisectResult {
        public Found {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(commit, "commit");
            moduleVersion = moduleVersion == null ? "" : moduleVersion;
            steps = List.copyOf(steps);
            warnings = List.copyOf(warnings);
            firstBad = firstBad == null ? Optional.empty() : firstBad;
            lastGood = lastGood == null ? Optional.empty() : lastGood;
        }

        public Found(BisectStart start, CommitLabel commit, String moduleVersion, List<Step> steps, List<String> warnings) {
            this(start, commit, moduleVersion, steps, warnings, Optional.empty(), Optional.empty());
        }
    }

    /** Which premise of a bisection did not hold. */
    enum Premise {
        /** {@code --bad} is good: nothing to bisect. */
        BAD_PASSES,
        /** {@code --bad} could not be tested (skipped, errored, flaky). */
        BAD_UNTESTED,
        /** A {@code --good} is bad and the reference client is bad the same way there: the environment, no commit. */
        GOOD_FAILS_IN_ENVIRONMENT,
        /** A {@code --good} is bad and the test set-up explains it (a harness mistake): no commit. */
        GOOD_FAILS_HARNESS,
        /** A {@code --good} is bad while the reference client is good: the regression is older than the range. */
        GOOD_FAILS,
        /**
         * A {@code --good} is bad and the reference client was undecided or bad another way: nothing tells the
         * environment from an older regression.
         */
        GOOD_FAILS_UNDETERMINED,
        /** A {@code --good} could not be tested, so it cannot be trusted as good. */
        GOOD_UNTESTED
    }

    /**
     * A premise of the bisection does not hold: {@code --bad} is not bad, a {@code --good} is not good, or one
     * of them cannot be tested. No first bad commit is named.
     *
     * @param premise which one
     * @param commit  the commit it is about
     * @param reason  the conclusion in words ("the failure tracks the environment: …; no commit is to blame")
     */
    record PremiseFailed(BisectStart start, Premise premise, CommitLabel commit, String reason, List<Step> steps,
                         List<String> warnings) implements BisectResult {
        public PremiseFailed {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(premise, "premise");
            Objects.requireNonNull(commit, "commit");
            reason = reason == null ? "" : reason;
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
