package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.core.KeyedMac;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical (strict server) rendering of Crypto.com Exchange v1 request parameters and
 * the signature over it, see README "Signature checks (Crypto.com Exchange v1)":
 * {@code sig = hex(HMAC-SHA256(secret, method + id + api_key + paramString + nonce))}.
 *
 * <p>paramString: keys sorted, each key followed by its value; lists concatenate their
 * elements' renderings; {@code null} renders as {@code null}; recursion stops at depth 3.
 * Numbers: integers as digits, decimals with trailing zeros stripped; booleans
 * {@code true}/{@code false}. Numbers must come from a tree read with exact decimals
 * (never through a {@code double}).
 */
public final class CanonicalParams {
    /** The official example's MAX_LEVEL. */
    public static final int MAX_LEVEL = 3;

    private CanonicalParams() {
    }

    /** The paramString of a params object (an absent or null params object renders empty). */
    public static String render(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) {
            return "";
        }
        return render(params, 0);
    }

    private static String render(JsonNode node, int level) {
        if (level >= MAX_LEVEL) {
            return scalar(node);
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            StringBuilder out = new StringBuilder();
            for (String key : keys) {
                out.append(key);
                JsonNode value = node.get(key);
                if (value.isArray()) {
                    for (JsonNode element : value) {
                        out.append(render(element, level + 1));
                    }
                } else if (value.isObject()) {
                    out.append(render(value, level + 1));
                } else {
                    out.append(scalar(value));
                }
            }
            return out.toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode element : node) {
                out.append(render(element, level + 1));
            }
            return out.toString();
        }
        return scalar(node);
    }

    /** The canonical text of one scalar value. */
    public static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return canonicalNumber(value.decimalValue());
        }
        return value.toString();
    }

    /** Integers as digits, decimals with trailing zeros stripped: 1764000000000.0 → 1764000000000. */
    public static String canonicalNumber(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.signum() == 0) {
            return "0";
        }
        return stripped.toPlainString();
    }

    /** The string the signature is computed over. */
    public static String stringToSign(String method, String id, String apiKey, String paramString, String nonce) {
        return method + id + apiKey + paramString + nonce;
    }

    /** Lower-case hex HMAC-SHA256 of {@code payload} under {@code secret}. */
    public static String hmacHex(String secret, String payload) {
        return KeyedMac.of(secret).hex(payload);
    }
}
