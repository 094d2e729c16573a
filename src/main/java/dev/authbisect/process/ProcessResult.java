package dev.authbisect.process;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What running a command produced.
 *
 * @param outcome     exited, timed out or failed to start
 * @param stdoutTail  the redacted end of stdout (bounded)
 * @param stderrTail  the redacted end of stderr (bounded)
 * @param stdoutBytes how many bytes the command wrote to stdout in total
 * @param stderrBytes how many bytes the command wrote to stderr in total
 * @param duration    wall time from start to the end of output capture
 */
public record ProcessResult(ProcessOutcome outcome, String stdoutTail, String stderrTail,
                            long stdoutBytes, long stderrBytes, Duration duration) {
    public ProcessResult {
        Objects.requireNonNull(outcome, "outcome");
        stdoutTail = stdoutTail == null ? "" : stdoutTail;
        stderrTail = stderrTail == null ? "" : stderrTail;
        Objects.requireNonNull(duration, "duration");
    }

    /** The exit code when the command exited. */
    public OptionalInt exitCode() {
        return outcome instanceof ProcessOutcome.Exited e ? OptionalInt.of(e.code()) : OptionalInt.empty();
    }
}
