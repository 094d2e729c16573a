package dev.authbisect.venue.binance;

import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.venue.binance.BinanceParams.Pair;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The strings a client may have signed instead of the one it sent, for the verifier's diagnosis:
 * a parameter added after signing, parameters in another order, a number or boolean rendered
 * another way, values encoded another way, the query and body joined with {@code &}, the
 * timestamp read again after signing. Each is an {@link Explanation}; the verifier tries them,
 * cheapest first.
 */
final class Diagnosis {
    /** All orders are tried up to this many parameters (7! = 5040 HMACs); beyond, single moves and the sorted order. */
    private static final int MAX_PERMUTED = 7;
    /** The timestamp search tries this many milliseconds around the one sent. */
    static final int MAX_DRIFT_MS = 100;

    private Diagnosis() {
    }

    /** Explanations of cost 1 over the sent (unsigned) pairs. */
    static List<Explanation> single(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        out.addAll(added(sent));
        out.addAll(reordered(sent));
        out.addAll(rendered(sent));
        out.addAll(encoded(sent));
        joinedWithAmpersand(sent).ifPresent(out::add);
        return out;
    }

    /** A parameter the client sent but did not sign: it was added after signing. */
    static List<Explanation> added(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            List<Pair> signed = new ArrayList<>(sent);
            Pair extra = signed.remove(i);
            out.add(Explanation.of(BinanceParams.join(signed), addedFinding(extra), addedPhrase(List.of(extra))));
        }
        return out;
    }

    /** Two parameters added after signing. */
    static List<Explanation> addedTwo(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            for (int j = i + 1; j < sent.size(); j++) {
                List<Pair> signed = new ArrayList<>(sent);
                Pair b = signed.remove(j);
                Pair a = signed.remove(i);
                out.add(new Explanation(BinanceParams.join(signed), 2, List.of(addedFinding(a), addedFinding(b)),
                        List.of(addedPhrase(List.of(a, b)))));
            }
        }
        return out;
    }

    static Finding addedFinding(Pair extra) {
        return new Finding("PARAM_ADDED_AFTER_SIGNING", extra.key(), "", extra.raw());
    }

    static String addedPhrase(List<Pair> extra) {
        List<String> names = extra.stream().map(Pair::key).toList();
        return String.join(", ", names) + (names.size() == 1 ? " was" : " were")
                + " added after signing (sent, but not part of the signed string)";
    }

    /** The same pairs signed in another order. */
    static List<Explanation> reordered(List<Pair> sent) {
        Set<List<Pair>> orders = new LinkedHashSet<>();
        List<Pair> sorted = new ArrayList<>(sent);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        orders.add(sorted);
        if (sent.size() <= MAX_PERMUTED) {
            permute(new ArrayList<>(sent), 0, orders);
        } else {
            for (int from = 0; from < sent.size(); from++) {
                for (int to = 0; to < sent.size(); to++) {
                    if (from != to) {
                        List<Pair> moved = new ArrayList<>(sent);
                        moved.add(to, moved.remove(from));
                        orders.add(moved);
                    }
                }
            }
        }
        orders.remove(sent);
        List<Explanation> out = new ArrayList<>();
        for (List<Pair> order : orders) {
            String signedOrder = names(order);
            String sentOrder = names(sent);
            List<String> moved = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                if (!sent.get(i).key().equals(order.get(i).key())) {
                    moved.add(sent.get(i).key());
                }
            }
            if (moved.isEmpty()) {
                continue; // same keys in the same places (duplicated keys swapped): not an order difference
            }
            out.add(Explanation.of(BinanceParams.join(order), new Finding("PARAM_ORDER", String.join(", ", moved), signedOrder, sentOrder),
                    "parameters signed in the order " + signedOrder + " but sent as " + sentOrder
                            + " (re-ordered after signing)"));
        }
        return out;
    }

    private static void permute(List<Pair> items, int k, Set<List<Pair>> out) {
        if (k == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = k; i < items.size(); i++) {
            Collections.swap(items, k, i);
            permute(items, k + 1, out);
            Collections.swap(items, k, i);
        }
    }

    private static String names(List<Pair> pairs) {
        return String.join(", ", pairs.stream().map(Pair::key).toList());
    }

    /** One number or boolean signed in another rendering than the one sent (1.0 vs 1, 1e-05 vs 0.00001, True vs true). */
    static List<Explanation> rendered(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        List<Pair> allPython = new ArrayList<>(sent);
        boolean anyPython = false;
        for (int i = 0; i < sent.size(); i++) {
            Pair p = sent.get(i);
            for (String alt : renderings(p.value())) {
                List<Pair> signed = new ArrayList<>(sent);
                signed.set(i, p.withRaw(p.rawKey() + "=" + encode(alt)));
                out.add(Explanation.of(BinanceParams.join(signed), renderingFinding(p, alt), renderingPhrase(p, alt)));
            }
            String py = pythonFloat(p.value());
            if (py != null && !py.equals(p.value())) {
                allPython.set(i, p.withRaw(p.rawKey() + "=" + encode(py)));
                anyPython = true;
            }
        }
        if (anyPython) {
            List<Finding> findings = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                if (allPython.get(i) != sent.get(i)) {
                    findings.add(renderingFinding(sent.get(i), allPython.get(i).value()));
                    keys.add(sent.get(i).key());
                }
            }
            if (findings.size() > 1) {
                out.add(new Explanation(BinanceParams.join(allPython), 1, findings, List.of(String.join(", ", keys)
                        + " signed as Python floats (str(float)) but sent in another rendering")));
            }
        }
        return out;
    }

    private static Finding renderingFinding(Pair p, String signedAs) {
        return new Finding("PARAM_RENDERING", p.key(), signedAs, p.value());
    }

    private static String renderingPhrase(Pair p, String signedAs) {
        return "param " + p.key() + " signed as '" + signedAs + "' but sent as '" + p.value() + "'";
    }

    /** Other texts a client may give the same value. */
    static List<String> renderings(String value) {
        Set<String> alts = new LinkedHashSet<>();
        switch (value) {
            case "true" -> alts.add("True");
            case "false" -> alts.add("False");
            case "True" -> alts.add("true");
            case "False" -> alts.add("false");
            default -> {
                BigDecimal n = number(value);
                if (n != null) {
                    alts.add(ReferenceSigner.plain(n));
                    if (n.stripTrailingZeros().scale() <= 0) {
                        alts.add(n.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString() + ".0");
                    }
                    alts.add(n.setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString());
                    String py = pythonFloat(value);
                    if (py != null) {
                        alts.add(py);
                    }
                    alts.add(Double.toString(n.doubleValue()));
                }
            }
        }
        alts.remove(value);
        return new ArrayList<>(alts);
    }

    private static BigDecimal number(String value) {
        if (value.isEmpty() || value.length() > 40 || !value.matches("-?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?") || value.equals("-")) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's {@code str(float(value))}: 1 → 1.0, 0.00001 → 1e-05, 1e16 → 1e+16; null when not a decimal number. */
    static String pythonFloat(String value) {
        BigDecimal n = number(value);
        if (n == null || value.matches("-?[0-9]{16,}")) {
            return null;
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            return null;
        }
        double abs = Math.abs(d);
        if (d != 0 && (abs < 1e-4 || abs >= 1e16)) {
            String repr = new BigDecimal(Double.toString(d)).stripTrailingZeros().toString().toLowerCase(Locale.ROOT);
            // Java's 1E-5 is Python's 1e-05: a sign on the exponent, at least two digits
            int e = repr.indexOf('e');
            String mantissa = repr.substring(0, e);
            String exp = repr.substring(e + 1);
            String sign = exp.startsWith("-") ? "-" : "+";
            String digits = exp.replaceFirst("^[-+]", "");
            return mantissa + "e" + sign + (digits.length() < 2 ? "0" + digits : digits);
        }
        String plain = new BigDecimal(Double.toString(d)).toPlainString();
        return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", ".0") : plain + ".0";
    }

    /** Values signed with another encoding than sent: not encoded at all, or encoded as a form / as RFC 3986. */
    static List<Explanation> encoded(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        encodedAs(sent, "unencoded", p -> p.key() + "=" + p.value()).ifPresent(out::add);
        encodedAs(sent, "form-encoded", p -> encode(p.key()) + "=" + encode(p.value())).ifPresent(out::add);
        encodedAs(sent, "RFC 3986-encoded", p -> encode(p.key()).replace("+", "%20") + "=" + encode(p.value()).replace("+", "%20"))
                .ifPresent(out::add);
        return out;
    }

    private static java.util.Optional<Explanation> encodedAs(List<Pair> sent, String how, java.util.function.Function<Pair, String> text) {
        List<Pair> signed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Pair p : sent) {
            String raw = text.apply(p);
            signed.add(p.withRaw(raw));
            if (!raw.equals(p.raw())) {
                findings.add(new Finding("PARAM_ENCODING", p.key(), raw, p.raw()));
                keys.add(p.key());
            }
        }
        if (findings.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Explanation(BinanceParams.join(signed), 1, findings,
                List.of(String.join(", ", keys) + " signed " + how + " but sent encoded another way")));
    }

    /** The query string and the body signed with an {@code &} between them (Binance joins them without one). */
    static java.util.Optional<Explanation> joinedWithAmpersand(List<Pair> sent) {
        boolean query = sent.stream().anyMatch(p -> p.part() == BinanceParams.Part.QUERY);
        boolean body = sent.stream().anyMatch(p -> p.part() == BinanceParams.Part.BODY);
        if (!query || !body) {
            return java.util.Optional.empty();
        }
        List<Pair> flat = sent.stream().map(p -> new Pair(p.raw(), BinanceParams.Part.QUERY)).toList();
        return java.util.Optional.of(Explanation.of(BinanceParams.join(flat),
                new Finding("QUERY_BODY_JOIN", "", "query&body", "query+body"),
                "query string and body signed with '&' between them; Binance concatenates them directly"));
    }

    /** The timestamp read from the clock again after signing: the signed one differs by a few ms. */
    static List<Explanation> timestampDrift(List<Pair> sent) {
        List<Explanation> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Pair p = sent.get(i);
            if (!p.key().equals(BinanceParams.TIMESTAMP) || !p.value().matches("[0-9]{1,18}")) {
                continue;
            }
            long sentAt = Long.parseLong(p.value());
            for (int d = 1; d <= MAX_DRIFT_MS; d++) {
                for (long signed : new long[] {sentAt - d, sentAt + d}) {
                    List<Pair> s = new ArrayList<>(sent);
                    s.set(i, p.withRaw(p.rawKey() + "=" + signed));
                    long delta = sentAt - signed;
                    out.add(Explanation.of(BinanceParams.join(s), new Finding("TIMESTAMP_TEXT", "timestamp", Long.toString(signed), p.value()),
                            "timestamp signed as " + signed + " but sent as " + p.value() + " (" + Math.abs(delta) + " ms "
                                    + (delta > 0 ? "later" : "earlier") + ": the code reads the clock again between signing and sending)"));
                }
            }
        }
        return out;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
