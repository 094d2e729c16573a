package dev.authbisect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Checks a request's signature against the canonical (strict server) rendering and, when it
 * does not match, works out the likeliest reason for the diagnostic header — without ever
 * revealing the secret: a client that rendered numbers or booleans its own way
 * ({@code 1764000000000.0}, {@code True}), a secret from before a rotation, or simply another
 * secret or string.
 */
final class SignatureVerifier {
    private SignatureVerifier() {
    }

    /** Empty when the signature matches, else the reason for the mismatch. */
    static Optional<String> mismatch(SignedRequest request, KeyRing.Active active) {
        KeyedMac secret = active.mac();
        String canonicalParams = CanonicalParams.render(request.params());
        if (matches(request, secret, canonicalParams)) {
            return Optional.empty();
        }
        List<String> asSent = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        collect(request.params(), "", asSent, differences);
        for (Variant v : Variant.values()) {
            String rendered = CanonicalParams.render(v.apply(request.params()));
            if (!rendered.equals(canonicalParams) && matches(request, secret, rendered)) {
                return Optional.of("signature mismatch: canonical paramString differs (client rendered "
                        + String.join(", ", v == Variant.BOOLEANS_AS_PYTHON ? booleans(request.params()) : differences)
                        + "; a strict server renders " + v.canonicalHint + ")");
            }
        }
        if (active.previousMac().isPresent() && matches(request, active.previousMac().get(), canonicalParams)) {
            return Optional.of("signature mismatch: signed with the secret key '" + active.key().label()
                    + "' had before its rotation at " + active.rotatedAt().map(Instant::toString).orElse("?"));
        }
        return Optional.of("signature mismatch: another secret, or another string to sign "
                + "(method + id + api_key + paramString + nonce)");
    }

    private static boolean matches(SignedRequest r, KeyedMac secret, String paramString) {
        String expected = secret.hex(CanonicalParams.stringToSign(r.method(), r.idText(), r.apiKey(), paramString, r.nonceText()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                r.sig().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** Non-canonical renderings real clients use. */
    private enum Variant {
        NUMBERS_AS_SENT("numbers without trailing zeros", SignatureVerifier::numbersAsSent),
        BOOLEANS_AS_PYTHON("booleans as true/false", n -> booleansAs(n, "True", "False")),
        BOTH("numbers without trailing zeros and booleans as true/false", n -> booleansAs(numbersAsSent(n), "True", "False"));

        final String canonicalHint;
        final UnaryOperator<JsonNode> transform;

        Variant(String canonicalHint, UnaryOperator<JsonNode> transform) {
            this.canonicalHint = canonicalHint;
            this.transform = transform;
        }

        JsonNode apply(JsonNode params) {
            return transform.apply(params.deepCopy());
        }
    }

    private static JsonNode numbersAsSent(JsonNode node) {
        return map(node, n -> n.isBigDecimal() ? TextNode.valueOf(n.decimalValue().toPlainString()) : n);
    }

    private static JsonNode booleansAs(JsonNode node, String t, String f) {
        return map(node, n -> n.isBoolean() ? TextNode.valueOf(n.booleanValue() ? t : f) : n);
    }

    private static JsonNode map(JsonNode node, UnaryOperator<JsonNode> leaf) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(map(e.getValue(), leaf));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, map(a.get(i), leaf));
            }
            return a;
        }
        return leaf.apply(node);
    }

    private static void collect(JsonNode node, String path, List<String> asSent, List<String> differences) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), asSent, differences));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", asSent, differences);
            }
        } else if (node.isBigDecimal()) {
            String sent = node.decimalValue().toPlainString();
            String canonical = CanonicalParams.scalar(node);
            if (!sent.equals(canonical)) {
                differences.add(path + " as '" + sent + "', canonical '" + canonical + "'");
            }
        }
    }

    private static List<String> booleans(JsonNode params) {
        List<String> out = new ArrayList<>();
        params.fields().forEachRemaining(e -> {
            if (e.getValue().isBoolean()) {
                boolean b = e.getValue().booleanValue();
                out.add(e.getKey() + " as '" + (b ? "True" : "False") + "', canonical '" + b + "'");
            }
        });
        return out;
    }

}
