package dev.authbisect.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the scenario's durations: {@code 250ms}, {@code 60s}, {@code 2m}, {@code 1h}, optionally signed, or ISO-8601 {@code PT30S}. */
final class Durations {
    static final String EXPECTED = "a duration like 250ms, 60s, 2m or 1h";
    private static final Pattern SHORT = Pattern.compile("([+-]?)(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2));
            Duration d = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            return Optional.of("-".equals(m.group(1)) ? d.negated() : d);
        }
        try {
            return Optional.of(Duration.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
