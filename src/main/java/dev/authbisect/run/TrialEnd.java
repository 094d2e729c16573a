package dev.authbisect.run;

/** How a trial ended, as far as cells care. */
sealed interface TrialEnd {
    /** The module version's build failed or timed out: nothing ran. */
    record BuildFailed(String detail) implements TrialEnd {
    }

    /** The module version was refused before anything ran (a hostile tree: {@code workspace.RefusedTree}). */
    record Refused(String reason) implements TrialEnd {
    }

    /** The probe exited with {@code code} (0 ran; 125 cannot test this version). */
    record Exited(int code) implements TrialEnd {
    }

    /** The probe was killed at its timeout. */
    record TimedOut(java.time.Duration timeout) implements TrialEnd {
    }

    /** The probe could not be started (command not found …). */
    record FailedToStart(String reason) implements TrialEnd {
    }

    /** The reference client made the call itself. */
    record Reference() implements TrialEnd {
    }
}
