package dev.authbisect.workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the build of one module version went.
 *
 * @param status   OK, FAILED (non-zero exit, or the build command could not start), TIMEOUT, NONE (no build
 *                 configured), or REFUSED (the module version cannot be written without leaving its folder:
 *                 see {@link RefusedTree}; nothing was built)
 * @param exitCode the build's exit code; null when it did not exit (TIMEOUT, NONE, failed to start)
 * @param duration how long the build took when it ran (zero for NONE); a cached outcome keeps the original duration
 * @param log      the bounded, redacted build log (command, outcome, output tails)
 * @param cached   true when this outcome was reused from the cache rather than built now
 * @param detail   one line: "exit 0", "exit 2", "timed out after 5m", "build command not found: …", "no build configured",
 *                 or why the module version was refused ("tree entry backend/app/evil: symlink to a path outside the module")
 */
public record BuildOutcome(Status status, Integer exitCode, Duration duration, Path log, boolean cached, String detail) {
    public enum Status { OK, FAILED, TIMEOUT, NONE, REFUSED }

    public BuildOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(log, "log");
        detail = detail == null ? "" : detail;
    }

    /** True when the module can be probed (built, or nothing to build); otherwise its cells are SKIPPED. */
    public boolean usable() {
        return status == Status.OK || status == Status.NONE;
    }

    BuildOutcome asCached() {
        return new BuildOutcome(status, exitCode, duration, log, true, detail);
    }
}
