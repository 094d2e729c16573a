package dev.authbisect.venue;

import dev.authbisect.core.Outcome;
import java.util.Objects;

/**
 * How a venue reads one HTTP answer.
 *
 * @param outcome    OK, AUTH_REJECTED, API_ERROR or TRANSPORT_ERROR
 * @param venueCode  the envelope's code, or null when the answer had no envelope
 * @param venueName  the code's name ({@code UNAUTHORIZED}), or empty
 * @param httpStatus the HTTP status
 */
public record Classification(Outcome outcome, Integer venueCode, String venueName, int httpStatus) {
    public Classification {
        Objects.requireNonNull(outcome, "outcome");
        venueName = venueName == null ? "" : venueName;
    }
}
