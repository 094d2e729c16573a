package dev.authbisect.core;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for a mistyped word among known ones (commands, options, repository paths):
 * the candidate with the smallest edit distance, when it is close enough to be a typo.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest of {@code candidates} to {@code typed}, if one is plausibly what was meant. */
    public static Optional<String> closest(String typed, List<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> !c.equals(typed))
                .map(c -> new Scored(c, distance(t, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= allowed(typed, s.candidate))
                .min(Comparator.comparingInt(Scored::distance).thenComparingInt(s -> s.candidate.length()))
                .map(Scored::candidate);
    }

    /** " (did you mean 'x'?)" or the empty string. */
    public static String hint(String typed, List<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private record Scored(String candidate, int distance) {
    }

    /** About one edit per three characters, at least one, at most four. */
    private static int allowed(String typed, String candidate) {
        int len = Math.max(typed.length(), candidate.length());
        return Math.max(1, Math.min(4, len / 3));
    }

    /** Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions, swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
