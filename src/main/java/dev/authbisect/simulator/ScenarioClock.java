package dev.authbisect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/** The simulator's idea of "now": the real clock, a frozen instant, or the real clock shifted. */
public sealed interface ScenarioClock {

    /** The scenario's current time in epoch milliseconds. */
    long millis();

    /** The frozen time, for a fixed clock only. */
    default OptionalLong fixedMillis() {
        return OptionalLong.empty();
    }

    /** The machine's clock (the default). */
    record Real() implements ScenarioClock {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    }

    /** A frozen clock ({@code clock: {fixed: "2025-12-19T08:00:00Z"}}). */
    record Fixed(Instant at) implements ScenarioClock {
        public Fixed {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public long millis() {
            return at.toEpochMilli();
        }

        @Override
        public OptionalLong fixedMillis() {
            return OptionalLong.of(at.toEpochMilli());
        }
    }

    /** The real clock plus {@code skew} ({@code clock: {skew: 30s}}; negative runs behind). */
    record Skewed(Duration skew) implements ScenarioClock {
        public Skewed {
            Objects.requireNonNull(skew, "skew");
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + skew.toMillis();
        }
    }
}
