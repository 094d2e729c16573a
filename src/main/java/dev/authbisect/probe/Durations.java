package dev.authbisect.probe;

import java.time.Duration;
import java.util.Locale;

/** Short human forms of durations for one-line messages ("800ms", "1.5s", "2s", "5m"). */
final class Durations {
    private Durations() {
    }

    static String text(Duration d) {
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
