package dev.authbisect.bisect;

import java.util.Objects;

/**
 * A commit the bisection decided to look at, before its result is known.
 *
 * @param number               1-based step number
 * @param kind                 a merge base check or a bisection step
 * @param commit               full commit id
 * @param subject              its subject line
 * @param moduleVersion        its module version id
 * @param moduleVersionOrdinal 1-based ordinal of that module version in the bisected range, oldest first
 * @param moduleVersionCount   distinct module versions in the bisected range (good and bad ends included)
 * @param revisionsLeft        commits left to test after this one, as git prints it (commits that change
 *                             the module version only)
 * @param stepsLeft            git's estimate of the steps left after this one
 */
public record Trial(int number, Kind kind, String commit, String subject, String moduleVersion,
                    int moduleVersionOrdinal, int moduleVersionCount, int revisionsLeft, int stepsLeft) {
    /** Why a commit is looked at. */
    public enum Kind {
        /** A {@code --bad} or {@code --good} commit, tested before bisecting to check that it is what it was said to be. */
        PREMISE,
        /** A merge base of bad and a good that is not its ancestor, checked before bisecting (like git). */
        MERGE_BASE,
        /** A bisection point. */
        BISECT
    }

    public Trial {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(commit, "commit");
        subject = subject == null ? "" : subject;
        moduleVersion = moduleVersion == null ? "" : moduleVersion;
    }

    public String shortId() {
        return commit.substring(0, Math.min(7, commit.length()));
    }
}
