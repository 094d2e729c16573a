package dev.authbisect.venue.cryptocom;

import dev.authbisect.core.SignatureCheck.Finding;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guesses the verifier tries for each component of the signed string when a signature does
 * not match: the renderings and key orders real clients use for params, the texts they sign
 * for id and nonce, the method, and the usual ways a secret gets mangled on its way into the
 * code (a trailing newline from a file, quotes from a dotenv file). Each list starts with the
 * reference reading (cost 0).
 */
final class Hypotheses {
    /** Above this many per-parameter combinations only whole-style renderings are tried. */
    private static final int MAX_PARAM_COMBINATIONS = 64;

    private Hypotheses() {
    }

    static List<Hypothesis> params(RawJson.Obj params, ParamStyle reference) {
        List<String> sorted = ParamStyle.sortedKeys(params);
        List<String> sent = new ArrayList<>(params.members().keySet());
        List<KeyRenderings> keys = new ArrayList<>();
        for (String key : sorted) {
            keys.add(KeyRenderings.of(key, params.members().get(key), reference));
        }
        List<List<Integer>> assignments = assignments(keys);
        List<Hypothesis> out = new ArrayList<>();
        for (List<Integer> choice : assignments) {
            for (boolean insertionOrder : sent.equals(sorted) ? List.of(false) : List.of(false, true)) {
                Hypothesis.addDistinct(out, paramHypothesis(keys, choice, insertionOrder ? sent : sorted, insertionOrder, sorted));
            }
        }
        if (!params.members().isEmpty()) {
            Hypothesis.addDistinct(out, Hypothesis.of("", 2,
                    new Finding("PARAMS_OMITTED", "params", "", out.get(0).text()),
                    "params left out of the signed string"));
        }
        out.sort(Comparator.comparingInt(Hypothesis::cost).thenComparingInt(h -> h.findings().size()));
        return out;
    }

    /**
     * The params rendered wholly in each style, keys sorted, the reference's first: the few
     * readings worth combining with an expensive search (the clock-drift one).
     */
    static List<Hypothesis> wholeStyleParams(RawJson.Obj params, ParamStyle reference) {
        List<String> sorted = ParamStyle.sortedKeys(params);
        List<KeyRenderings> keys = new ArrayList<>();
        for (String key : sorted) {
            keys.add(KeyRenderings.of(key, params.members().get(key), reference));
        }
        List<Hypothesis> out = new ArrayList<>();
        List<ParamStyle> styles = new ArrayList<>(List.of(reference));
        for (ParamStyle style : ParamStyle.values()) {
            if (style != reference) {
                styles.add(style);
            }
        }
        for (ParamStyle style : styles) {
            List<Integer> choice = new ArrayList<>();
            keys.forEach(k -> choice.add(k.indexOf(style)));
            Hypothesis.addDistinct(out, paramHypothesis(keys, choice, sorted, false, sorted));
        }
        return out;
    }

    private static Hypothesis paramHypothesis(List<KeyRenderings> keys, List<Integer> choice, List<String> order,
                                              boolean insertionOrder, List<String> sorted) {
        Map<String, String> rendered = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        int differing = 0;
        for (int i = 0; i < keys.size(); i++) {
            KeyRenderings k = keys.get(i);
            Rendering r = k.renderings.get(choice.get(i));
            rendered.put(k.key, r.text);
            if (choice.get(i) != 0) {
                differing++;
                String reference = k.renderings.get(0).text;
                findings.add(new Finding("PARAM_RENDERING", k.key, r.text, reference));
                phrases.add("param " + k.key + " signed as '" + r.text + "' (" + r.styles() + "), reference '" + reference + "'");
            }
        }
        StringBuilder text = new StringBuilder();
        for (String key : order) {
            text.append(key).append(rendered.get(key));
        }
        int cost = differing == 0 ? 0 : 1; // one client habit, however many params it touches
        if (insertionOrder) {
            cost++;
            findings.add(new Finding("PARAM_ORDER", "params", String.join(",", order), String.join(",", sorted)));
            phrases.add("params signed in the order sent (" + String.join(", ", order) + ") instead of sorted ("
                    + String.join(", ", sorted) + ")");
        }
        return new Hypothesis(text.toString(), cost, findings, phrases);
    }

    /**
     * Which rendering each key takes: every whole-style assignment first (all keys in one
     * style), then, if few enough, every per-key mix.
     */
    private static List<List<Integer>> assignments(List<KeyRenderings> keys) {
        List<List<Integer>> out = new ArrayList<>();
        for (ParamStyle style : ParamStyle.values()) {
            List<Integer> choice = new ArrayList<>();
            keys.forEach(k -> choice.add(k.indexOf(style)));
            if (!out.contains(choice)) {
                out.add(choice);
            }
        }
        long combinations = 1;
        for (KeyRenderings k : keys) {
            combinations *= k.renderings.size();
            if (combinations > MAX_PARAM_COMBINATIONS) {
                return out;
            }
        }
        List<List<Integer>> all = new ArrayList<>();
        all.add(new ArrayList<>());
        for (KeyRenderings k : keys) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : all) {
                for (int i = 0; i < k.renderings.size(); i++) {
                    List<Integer> c = new ArrayList<>(prefix);
                    c.add(i);
                    next.add(c);
                }
            }
            all = next;
        }
        for (List<Integer> c : all) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** One distinct rendering of a value and the styles that produce it. */
    private record Rendering(String text, List<ParamStyle> producers) {
        String styles() {
            return producers.stream().map(ParamStyle::label).collect(Collectors.joining(" / "));
        }
    }

    /** The distinct renderings of one key's value, the reference style's first. */
    private record KeyRenderings(String key, List<Rendering> renderings) {
        static KeyRenderings of(String key, RawJson value, ParamStyle reference) {
            Map<String, List<ParamStyle>> byText = new LinkedHashMap<>();
            byText.computeIfAbsent(reference.value(key, value), t -> new ArrayList<>()).add(reference);
            for (ParamStyle style : ParamStyle.values()) {
                if (style != reference) {
                    byText.computeIfAbsent(style.value(key, value), t -> new ArrayList<>()).add(style);
                }
            }
            List<Rendering> renderings = new ArrayList<>();
            byText.forEach((text, styles) -> renderings.add(new Rendering(text, List.copyOf(styles))));
            return new KeyRenderings(key, renderings);
        }

        int indexOf(ParamStyle style) {
            for (int i = 0; i < renderings.size(); i++) {
                if (renderings.get(i).producers.contains(style)) {
                    return i;
                }
            }
            throw new IllegalStateException(style.name());
        }
    }

    /** Texts a client may have signed for {@code id} (or {@code nonce}) instead of the one it sent. */
    static List<Hypothesis> idOrNonce(String field, RawJson sent, String otherField, RawJson other) {
        String kind = field.toUpperCase(java.util.Locale.ROOT) + "_TEXT";
        String body = sent == null ? "" : sent.text();
        List<Hypothesis> out = new ArrayList<>();
        out.add(Hypothesis.reference(body));
        if (sent instanceof RawJson.Str s) {
            add(out, kind, field, s.toJson(), body, field + " signed with its JSON quotes (" + s.toJson() + ")");
        }
        if (sent instanceof RawJson.Num n) {
            String canonical = CanonicalParams.canonicalNumber(n.decimal());
            add(out, kind, field, canonical, body, field + " signed as '" + canonical + "', sent as " + body);
            if (n.isIntegerLiteral()) {
                add(out, kind, field, body + ".0", body, field + " signed as a float '" + body + ".0', sent as " + body);
            }
            if (n.isIntegerLiteral() && field.equals("id")) {
                // a request counter; a nonce off by a few ms is the clock-drift search's business
                BigInteger value = new BigInteger(body);
                for (BigInteger delta : List.of(BigInteger.ONE, BigInteger.ONE.negate())) {
                    String t = value.add(delta).toString();
                    add(out, kind, field, t, body, field + " signed as " + t + " but sent as " + body
                            + " (a counter advanced between signing and sending)");
                }
            }
        }
        if (other != null && !other.text().equals(body)) {
            add(out, kind, field, other.text(), body, field + " signed with the " + otherField + "'s value "
                    + other.text() + ", sent as " + render(sent));
        }
        if (sent == null) {
            return out;
        }
        add(out, kind, field, "", body, field + " left out of the signed string");
        return out;
    }

    private static String render(RawJson v) {
        return v == null ? "(absent)" : v.toJson();
    }

    private static void add(List<Hypothesis> out, String kind, String field, String signed, String body, String phrase) {
        Hypothesis.addDistinct(out, Hypothesis.of(signed, 1, new Finding(kind, field, signed, body), phrase));
    }

    /** Methods a client may have signed: the body's, the one the path names, or the path itself. */
    static List<Hypothesis> method(String reference, String fromPath, String path) {
        List<Hypothesis> out = new ArrayList<>();
        out.add(Hypothesis.reference(reference));
        for (String signed : List.of(fromPath, path)) {
            if (!signed.isEmpty()) {
                Hypothesis.addDistinct(out, Hypothesis.of(signed, 1, new Finding("METHOD_TEXT", "method", signed, reference),
                        "method signed as '" + signed + "', the body says '" + reference + "'"));
            }
        }
        return out;
    }

    /** HMAC keys the code may really use: the configured secret as it often arrives mangled. */
    static List<Hypothesis> secret(String configured) {
        List<Hypothesis> out = new ArrayList<>();
        out.add(Hypothesis.reference(configured));
        secretVariant(out, configured + "\n", "the configured secret with a trailing newline (read from a file without strip)");
        secretVariant(out, configured + "\r\n", "the configured secret with a trailing CRLF");
        secretVariant(out, configured + " ", "the configured secret with a trailing space");
        secretVariant(out, "\"" + configured + "\"", "the configured secret inside double quotes (a dotenv value read with its quotes)");
        secretVariant(out, "'" + configured + "'", "the configured secret inside single quotes (a dotenv value read with its quotes)");
        secretVariant(out, configured.strip(), "the configured secret without its surrounding whitespace (the code strips it)");
        return out;
    }

    private static void secretVariant(List<Hypothesis> out, String key, String description) {
        Hypothesis.addDistinct(out, Hypothesis.of(key, 1, new Finding("SECRET_TEXT", "api_secret", description, "the configured secret"),
                "signed with " + description));
    }
}
