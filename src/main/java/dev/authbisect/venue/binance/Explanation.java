package dev.authbisect.venue.binance;

import dev.authbisect.core.SignatureCheck.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * One way a client may have built the string it signed, differing from what it sent: the string,
 * how many components it changes (the cheapest explanation that reproduces a signature wins), and
 * what to tell the reader.
 *
 * @param payload  the string the client would have signed
 * @param cost     the number of components that differ
 * @param findings what differs, most specific first
 * @param phrases  the same in words, one per finding group
 */
record Explanation(String payload, int cost, List<Finding> findings, List<String> phrases) {
    Explanation {
        findings = List.copyOf(findings);
        phrases = List.copyOf(phrases);
    }

    static Explanation of(String payload, Finding finding, String phrase) {
        return new Explanation(payload, 1, List.of(finding), List.of(phrase));
    }

    /** This explanation and {@code other}'s changes together, over {@code payload}. */
    Explanation and(Explanation other, String payload) {
        List<Finding> f = new ArrayList<>(findings);
        f.addAll(other.findings);
        List<String> p = new ArrayList<>(phrases);
        p.addAll(other.phrases);
        return new Explanation(payload, cost + other.cost, f, p);
    }
}
