package dev.authbisect.relay;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.RequestTime;
import dev.authbisect.venue.Venue;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The relay's clock check, beside its signature check: reads the time a request claims (through the
 * venue: Crypto.com's nonce) and compares it with the upstream's clock and window — the request's own
 * window when it asks for one (Binance's recvWindow). Never throws: a
 * request it cannot read is NOT_CHECKED.
 */
public final class ClockChecker {
    private ClockChecker() {
    }

    /**
     * @param venue            reads the request's time and knows the live venue's window
     * @param request          the request as the code sent it
     * @param clock            the upstream's clock for this trial
     * @param responseHeaders  the upstream's answer headers (empty when it did not answer)
     * @param receivedAtMillis this host's clock when the relay received the request
     */
    public static ClockCheck check(Venue venue, RawRequest request, UpstreamClock clock,
                                   Map<String, List<String>> responseHeaders, long receivedAtMillis) {
        try {
            Optional<RequestTime> time = venue.requestTime(request);
            if (time.isEmpty()) {
                return ClockCheck.notChecked("the request carries no time the venue checks");
            }
            long at = time.get().epochMillis();
            String field = time.get().field();
            if (clock instanceof UpstreamClock.FixedSimulator f) {
                return ClockCheck.compare(ClockCheck.Clock.FIXED_SIMULATOR, field, at, f.epochMillis(), receivedAtMillis,
                        time.get().window().orElse(f.window()).toMillis());
            }
            if (clock instanceof UpstreamClock.Simulator s) {
                return ClockCheck.compare(ClockCheck.Clock.SIMULATOR, field, at, receivedAtMillis + s.skew().toMillis(),
                        receivedAtMillis, time.get().window().orElse(s.window()).toMillis());
            }
            if (clock instanceof UpstreamClock.DateHeader) {
                Optional<Long> date = dateHeader(responseHeaders);
                Optional<Duration> window = time.get().window().or(venue::timeWindow);
                if (date.isEmpty() || window.isEmpty()) {
                    return ClockCheck.notChecked(date.isEmpty() ? "the upstream's answer has no readable Date header"
                            : "the venue does not check request times");
                }
                // Date has one-second resolution: a request within the same second is not "ahead"
                long upstream = date.get();
                long compared = at >= upstream && at < upstream + 1_000 ? at : upstream;
                return ClockCheck.compare(ClockCheck.Clock.DATE_HEADER, field, at, compared, receivedAtMillis,
                        window.get().toMillis());
            }
            return ClockCheck.notChecked("no upstream clock to compare with");
        } catch (RuntimeException e) {
            return ClockCheck.notChecked("the request's time could not be read");
        }
    }

    /** The {@code Date} header (RFC 1123) in epoch millis. */
    static Optional<Long> dateHeader(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase("Date") && !e.getValue().isEmpty()) {
                try {
                    return Optional.of(ZonedDateTime.parse(e.getValue().get(0).trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant().toEpochMilli());
                } catch (DateTimeParseException ex) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
