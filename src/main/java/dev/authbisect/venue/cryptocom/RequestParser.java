package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.simulator.Permission;
import dev.authbisect.simulator.Rejection;
import dev.authbisect.simulator.SignedClaim;
import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a request body the way the exchange does, with numbers exact (never through a
 * {@code double}): JSON object with {@code id, method, params, api_key, sig, nonce}.
 */
final class RequestParser {
    static final JsonNodeFactory EXACT = JsonNodeFactory.withExactBigDecimals(true);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(EXACT)
            .build();

    private RequestParser() {
    }

    /** The body as a JSON object, or BAD_REQUEST. An empty body is an empty object for public calls only. */
    static Optional<ObjectNode> body(byte[] bytes) throws Rejection {
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("[^\\x20-\\x7e]", "?");
            if (msg.length() > 120) {
                msg = msg.substring(0, 120) + "...";
            }
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "body is not JSON: " + msg);
        } catch (IOException e) {
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "body is JSON but not an object; expected {id, method, params, api_key, sig, nonce}");
        }
        return Optional.of((ObjectNode) root);
    }

    /** A private request: every field present and of the right type. */
    static CryptoComRequest privateRequest(ApiVersion version, String method, Permission permission,
                                           Optional<ObjectNode> maybeBody, RawRequest raw) throws Rejection {
        ObjectNode body = maybeBody.orElseThrow(() -> new Rejection(Rejection.Kind.BAD_REQUEST,
                "private method without a JSON body; expected POST {id, method, params, api_key, sig, nonce}"));
        checkMethod(method, body);
        JsonNode id = require(body, "id");
        if (!(id.isIntegralNumber() || id.isTextual())) {
            throw new Rejection(Rejection.Kind.INVALID_REQUEST, "id must be a number or a string");
        }
        String apiKey = requireString(body, "api_key");
        requireString(body, "sig");
        JsonNode nonceNode = require(body, "nonce");
        long nonce = nonce(nonceNode);
        ObjectNode params = params(body);
        SignedClaim claim = new SignedClaim(apiKey, "nonce", text(nonceNode), nonce, permission, Optional.empty());
        return new CryptoComRequest(version, id, method, params, Optional.of(claim), raw);
    }

    /** A public request: parameters from the query string (GET) or the body's params (POST). */
    static CryptoComRequest publicRequest(ApiVersion version, String method, String rawQuery, Optional<ObjectNode> maybeBody,
                                          RawRequest raw) throws Rejection {
        ObjectNode params = EXACT.objectNode();
        JsonNode id = IntNode.valueOf(-1);
        if (maybeBody.isPresent()) {
            ObjectNode body = maybeBody.get();
            checkMethod(method, body);
            params = params(body);
            if (body.hasNonNull("id")) {
                id = body.get("id");
            }
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        return new CryptoComRequest(version, id, method, params, Optional.empty(), raw);
    }

    private static void checkMethod(String method, ObjectNode body) throws Rejection {
        JsonNode m = body.get("method");
        if (m == null || m.isNull()) {
            return;
        }
        if (!m.isTextual()) {
            throw new Rejection(Rejection.Kind.INVALID_REQUEST, "method must be a string");
        }
        if (!m.textValue().equals(method)) {
            throw new Rejection(Rejection.Kind.INVALID_REQUEST, "method '" + printable(m.textValue())
                    + "' in the body differs from the path's '" + method + "'");
        }
    }

    private static JsonNode require(ObjectNode body, String field) throws Rejection {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw new Rejection(Rejection.Kind.INVALID_ARGUMENT, "required field '" + field + "' is missing");
        }
        return n;
    }

    private static String requireString(ObjectNode body, String field) throws Rejection {
        JsonNode n = require(body, field);
        if (!n.isTextual()) {
            throw new Rejection(Rejection.Kind.INVALID_REQUEST, field + " must be a string, got " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (n.textValue().isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID_ARGUMENT, "required field '" + field + "' is empty");
        }
        return n.textValue();
    }

    private static long nonce(JsonNode n) throws Rejection {
        try {
            BigDecimal value = n.isNumber() ? n.decimalValue() : n.isTextual() ? new BigDecimal(n.textValue().trim()) : null;
            if (value != null) {
                return value.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new Rejection(Rejection.Kind.INVALID_REQUEST, "nonce must be a whole number of milliseconds");
    }

    private static ObjectNode params(ObjectNode body) throws Rejection {
        JsonNode p = body.get("params");
        if (p == null || p.isNull()) {
            return EXACT.objectNode();
        }
        if (!p.isObject()) {
            throw new Rejection(Rejection.Kind.INVALID_REQUEST, "params must be an object");
        }
        return (ObjectNode) p;
    }

    /** A scalar's text as it enters the signature: strings as they are, numbers as sent. */
    static String text(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBigDecimal()) {
            return n.decimalValue().toPlainString();
        }
        return n.asText();
    }

    static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
