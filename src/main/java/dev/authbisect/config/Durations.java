package dev.authbisect.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every YAML file authbisect reads (config and scenarios) and of
 * its messages: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, ISO-8601 ({@code PT30S},
 * {@code PT1M30S}), optionally signed; a bare number ({@code 60}, {@code "60"}) is seconds.
 * Range checks (positive, at most 24 h …) belong to the field: {@link YamlCursor#duration()}.
 */
public final class Durations {
    /** The forms {@link #parse} accepts, for "expected …" messages. */
    public static final String EXPECTED = "a duration like 500ms, 30s, 5m, 1h or PT30S (a bare number is seconds)";
    /** What a number too large to hold becomes: longer than any range a field allows. */
    static final Duration TOO_LONG = Duration.ofSeconds(Long.MAX_VALUE);
    private static final Pattern SHORT = Pattern.compile("([+-]?)(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** A duration in any accepted form; empty when the text is none of them. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            Duration d;
            try {
                d = of(Long.parseLong(m.group(2)), m.group(3) == null ? "s" : m.group(3));
            } catch (NumberFormatException | ArithmeticException tooLong) {
                d = TOO_LONG;
            }
            return Optional.of("-".equals(m.group(1)) ? d.negated() : d);
        }
        try {
            return Optional.of(Duration.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A YAML value as a duration: a string in any accepted form, or a whole number of seconds. */
    public static Optional<Duration> parse(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
            return Optional.empty();
        }
        return parse(node.asText());
    }

    /** {@code n} of {@code unit}: ms, m, h, anything else seconds. */
    static Duration of(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A short human form for one-line messages: "800ms", "1.5s", "2s", "5m". */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
