package dev.authbisect.run;

import java.util.Optional;

/**
 * A request to stop a run early (SIGINT, SIGTERM): no trial starts after it, running trials are
 * cancelled (their process trees killed), and the run writes a partial report marked incomplete
 * that {@code run --resume} finishes. Thread-safe; the first request wins.
 */
public final class RunStop {
    private volatile String signal;

    /** Asks the run to stop; {@code signal} ({@code SIGINT}, {@code SIGTERM}) decides the exit code. Returns false if already asked. */
    public synchronized boolean request(String signal) {
        if (this.signal != null) {
            return false;
        }
        this.signal = signal;
        return true;
    }

    /** The signal that asked the run to stop, if one did. */
    public Optional<String> requested() {
        return Optional.ofNullable(signal);
    }

    /** The exit code of a run stopped by {@code signal}: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
    public static int exitCode(String signal) {
        return switch (signal) {
            case "SIGTERM" -> 143;
            case "SIGHUP" -> 129;
            default -> 130;
        };
    }
}
