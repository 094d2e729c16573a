package dev.authbisect.venue.cryptocom;

import dev.authbisect.core.SignatureCheck.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * One guess at what a client put into one component of the signed string (its params, id,
 * nonce, method or HMAC key), with what differs from the reference and how unlikely it is.
 *
 * @param text     the component's text under this guess (for a secret guess: the HMAC key)
 * @param cost     0 for the reference reading, higher for less likely guesses
 * @param findings what differs from the reference (empty for the reference)
 * @param phrases  the same, as phrases for the summary line (never containing a secret)
 */
record Hypothesis(String text, int cost, List<Finding> findings, List<String> phrases) {
    Hypothesis {
        findings = List.copyOf(findings);
        phrases = List.copyOf(phrases);
    }

    static Hypothesis reference(String text) {
        return new Hypothesis(text, 0, List.of(), List.of());
    }

    static Hypothesis of(String text, int cost, Finding finding, String phrase) {
        return new Hypothesis(text, cost, List.of(finding), List.of(phrase));
    }

    /** Adds this guess's candidates to {@code out} unless one with the same text is already there. */
    static void addDistinct(List<Hypothesis> out, Hypothesis h) {
        for (Hypothesis existing : out) {
            if (existing.text.equals(h.text)) {
                return;
            }
        }
        out.add(h);
    }

    /** The findings and phrases of several guesses together, in order. */
    static Hypothesis combine(List<Hypothesis> parts) {
        List<Finding> findings = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        int cost = 0;
        for (Hypothesis h : parts) {
            findings.addAll(h.findings);
            phrases.addAll(h.phrases);
            cost += h.cost;
        }
        return new Hypothesis("", cost, findings, phrases);
    }

    @Override
    public String toString() {
        return "Hypothesis[cost=" + cost + ", " + phrases + "]";
    }
}
