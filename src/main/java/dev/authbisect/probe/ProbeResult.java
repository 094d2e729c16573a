package dev.authbisect.probe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one probe run produced. Exit 125 means "cannot test this version" ({@code SKIPPED});
 * that reading is the caller's, this is only the fact.
 *
 * @param outcome     exited, timed out (tree killed) or failed to start
 * @param stdoutTail  redacted, bounded end of stdout
 * @param stderrTail  redacted, bounded end of stderr
 * @param stdoutBytes total bytes written to stdout
 * @param stderrBytes total bytes written to stderr
 * @param duration    wall time of the probe
 * @param envNames    the names (never the values) of the {@code probe.env} variables it got, for the report
 */
public record ProbeResult(ProcessOutcome outcome, String stdoutTail, String stderrTail, long stdoutBytes,
                          long stderrBytes, Duration duration, List<String> envNames) {
    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        stdoutTail = stdoutTail == null ? "" : stdoutTail;
        stderrTail = stderrTail == null ? "" : stderrTail;
        Objects.requireNonNull(duration, "duration");
        envNames = List.copyOf(envNames);
    }

    static ProbeResult of(ProcessResult r, List<String> envNames) {
        return new ProbeResult(r.outcome(), r.stdoutTail(), r.stderrTail(), r.stdoutBytes(), r.stderrBytes(),
                r.duration(), envNames);
    }

    /** The exit code when the probe exited. */
    public OptionalInt exitCode() {
        return outcome instanceof ProcessOutcome.Exited e ? OptionalInt.of(e.code()) : OptionalInt.empty();
    }
}
