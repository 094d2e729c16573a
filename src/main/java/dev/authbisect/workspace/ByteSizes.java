package dev.authbisect.workspace;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them ({@code 5G}, {@code 500M}, {@code 2GB}, {@code 1024}) and as authbisect prints them. */
public final class ByteSizes {
    /** How a size is expected in messages. */
    public static final String EXPECTED = "a size like 500M, 5G or 1T (K, M, G, T: powers of 1024; a plain number is bytes)";
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {
    }

    /** The bytes of {@code 5G}, {@code 1.5T}, {@code 500MB}, {@code 1024}; empty when it is no size. */
    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int power = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        return bytes > Long.MAX_VALUE ? Optional.empty() : Optional.of((long) bytes);
    }

    /** "812 B", "4.2 KB", "1.3 GB" (powers of 1024). */
    public static String text(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v)) + " " + units[u];
    }
}
