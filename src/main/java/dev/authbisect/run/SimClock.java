package dev.authbisect.run;

import dev.authbisect.core.ExitException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code --sim-clock 2025-12-19T09:00:00Z}: the instant every simulator scenario's clock is frozen
 * at for one run, overriding the scenarios' own clocks, so a timed event (a key revoked or rotated
 * at T) can be seen before and after T — two "nights" — in a test or a rehearsal. Live upstreams
 * are never affected.
 */
public final class SimClock {
    private SimClock() {
    }

    /** Parses an ISO-8601 instant with an offset ({@code 2025-12-19T09:00:00Z}, {@code 2025-12-19T10:00:00+01:00}). */
    public static Instant parse(String option, String text) {
        String t = text == null ? "" : text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw ExitException.usage(option + " '" + t + "': expected an ISO-8601 time with an offset, e.g. 2025-12-19T09:00:00Z");
        }
    }
}
