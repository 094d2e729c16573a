package dev.authbisect.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write and read them: {@code 250ms}, {@code 60s}, {@code 2m}, {@code 1h}.
 * The config file's own, more lenient form (bare seconds) is read by {@link YamlCursor#duration()}.
 */
public final class Durations {
    /** The form {@link #parse} accepts, for "expected …" messages. */
    public static final String EXPECTED = "a duration like 250ms, 60s, 2m or 1h";
    private static final Pattern SHORT = Pattern.compile("([+-]?)(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** {@code 250ms}, {@code 60s}, {@code 2m}, {@code 1h}, optionally signed, or ISO-8601 {@code PT30S}; empty otherwise. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            Duration d = of(Long.parseLong(m.group(2)), m.group(3));
            return Optional.of("-".equals(m.group(1)) ? d.negated() : d);
        }
        try {
            return Optional.of(Duration.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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
