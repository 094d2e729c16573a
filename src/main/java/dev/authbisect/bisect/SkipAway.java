package dev.authbisect.bisect;

import java.util.List;

/**
 * git's choice away from skipped commits ({@code skip_away} in {@code bisect.c}): a fixed
 * pseudo-random index, seeded with the number of untested candidates, weighted towards the
 * best-ranked ones; never the bad commit itself unless it is the only one.
 */
final class SkipAway {
    private static final int PRN_MODULO = 32768;

    private SkipAway() {
    }

    /** Picks from {@code filtered} (best first, skipped commits removed). */
    static <T> T choose(List<T> filtered, T bad) {
        int count = filtered.size();
        int prn = prn(count);
        int index = (count * prn / PRN_MODULO) * sqrti(prn) / sqrti(PRN_MODULO);
        if (index >= count) {
            return filtered.get(0);
        }
        T candidate = filtered.get(index);
        if (!candidate.equals(bad)) {
            return candidate;
        }
        return index > 0 ? filtered.get(index - 1) : filtered.get(0);
    }

    /** {@code man 3 rand}'s generator, as git uses it: unsigned 32-bit arithmetic. */
    static int prn(int count) {
        int next = count * 1103515245 + 12345;
        return (next >>> 16) % PRN_MODULO;
    }

    /** git's float Newton iteration, kept in float so rounding matches. */
    static int sqrti(int val) {
        if (val == 0) {
            return 0;
        }
        float x = val;
        float d;
        do {
            float y = (x + (float) val / x) / 2;
            d = y > x ? y - x : x - y;
            x = y;
        } while (d >= 0.5f);
        return (int) x;
    }
}
