package dev.authbisect.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * The clock a trial's requests are compared with (see {@link ClockChecker}): the embedded
 * simulator's (frozen, or this host's shifted by the scenario's skew, with the scenario's nonce
 * window), a live upstream's (its answers' {@code Date} header, with the venue's window), or none.
 */
public sealed interface UpstreamClock {
    /** A simulator on a frozen clock; the probe is told it as {@code AUTHBISECT_FIXED_TIME_MS}. */
    record FixedSimulator(long epochMillis, Duration window) implements UpstreamClock {
        public FixedSimulator {
            Objects.requireNonNull(window, "window");
        }
    }

    /** A simulator on this host's clock plus {@code skew}. */
    record Simulator(Duration skew, Duration window) implements UpstreamClock {
        public Simulator {
            Objects.requireNonNull(skew, "skew");
            Objects.requireNonNull(window, "window");
        }
    }

    /** A live upstream: its clock is read from each answer's {@code Date} header; the window is the venue's. */
    record DateHeader() implements UpstreamClock {
    }

    /** Nothing to compare with. */
    record None() implements UpstreamClock {
    }
}
