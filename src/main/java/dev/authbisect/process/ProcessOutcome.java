package dev.authbisect.process;

import dev.authbisect.config.Durations;
import java.time.Duration;
import java.util.Objects;

/** How a command ended: it exited with a code, it ran past its timeout (tree killed), or it never started. */
public sealed interface ProcessOutcome {

    /** The command ran and exited with {@code code}. */
    record Exited(int code) implements ProcessOutcome {
    }

    /** The command ran past {@code timeout}; it and every descendant were killed. */
    record TimedOut(Duration timeout) implements ProcessOutcome {
        public TimedOut {
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** The command could not be started; {@code reason} is one line for the user. */
    record FailedToStart(String reason) implements ProcessOutcome {
        public FailedToStart {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One line describing the outcome ("exit 0", "timed out after 2s", the start failure). */
    default String describe() {
        if (this instanceof Exited e) {
            return "exit " + e.code();
        }
        if (this instanceof TimedOut t) {
            return "timed out after " + Durations.text(t.timeout());
        }
        return ((FailedToStart) this).reason();
    }
}
