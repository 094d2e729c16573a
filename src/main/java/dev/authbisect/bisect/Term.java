package dev.authbisect.bisect;

/** What one tested commit means for the bisection, as in {@code git bisect good|bad|skip}. */
public enum Term {
    GOOD, BAD, SKIP;

    /** The word git uses ({@code good}, {@code bad}, {@code skip}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
