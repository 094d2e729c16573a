package dev.authbisect.venue;

import dev.authbisect.core.Outcome;

/**
 * One row of a venue's error-code table.
 *
 * @param code       the envelope code (40101)
 * @param name       its name (UNAUTHORIZED)
 * @param httpStatus the HTTP status the venue answers it with
 * @param meaning    a short explanation for the report
 * @param outcome    the outcome class a cell with this code gets
 */
public record VenueError(int code, String name, int httpStatus, String meaning, Outcome outcome) {
}
