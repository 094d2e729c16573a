package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON value exactly as a client sent it: numbers keep their literal text
 * ({@code 1764000000000.0} stays that text, never a {@code double}), object members keep the
 * order they were sent in. Read with {@link RawJsonReader}.
 */
public sealed interface RawJson {

    /** Parses a request body; see {@link RawJsonReader#read(byte[])}. */
    static RawJson parse(byte[] json) throws RawJsonReader.MalformedJsonException {
        return RawJsonReader.read(json);
    }

    /**
     * The value's text as it enters a signed string when it is used as {@code id} or
     * {@code nonce}: a string's content, a number's literal text, {@code true}/{@code false},
     * {@code null}; objects and arrays as compact JSON.
     */
    String text();

    /** The same value as a Jackson tree with exact decimals (for {@link CanonicalParams#render(JsonNode)}). */
    JsonNode toJsonNode();

    /** Compact JSON of this value, numbers as their literal text. */
    String toJson();

    /** A JSON object; members in the order sent (a repeated name keeps its first place and its last value, as Python's {@code json} does). */
    record Obj(Map<String, RawJson> members) implements RawJson {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Optional<RawJson> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        @Override
        public String text() {
            return toJson();
        }

        @Override
        public JsonNode toJsonNode() {
            ObjectNode node = FACTORY.objectNode();
            members.forEach((k, v) -> node.set(k, v.toJsonNode()));
            return node;
        }

        @Override
        public String toJson() {
            StringBuilder out = new StringBuilder("{");
            members.forEach((k, v) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(Str.quote(k)).append(':').append(v.toJson());
            });
            return out.append('}').toString();
        }
    }

    /** A JSON array. */
    record Arr(List<RawJson> elements) implements RawJson {
        public Arr {
            elements = List.copyOf(elements);
        }

        @Override
        public String text() {
            return toJson();
        }

        @Override
        public JsonNode toJsonNode() {
            ArrayNode node = FACTORY.arrayNode();
            elements.forEach(e -> node.add(e.toJsonNode()));
            return node;
        }

        @Override
        public String toJson() {
            StringBuilder out = new StringBuilder("[");
            for (RawJson e : elements) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(e.toJson());
            }
            return out.append(']').toString();
        }
    }

    /** A JSON string (its decoded content). */
    record Str(String value) implements RawJson {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return value;
        }

        @Override
        public JsonNode toJsonNode() {
            return FACTORY.textNode(value);
        }

        @Override
        public String toJson() {
            return quote(value);
        }

        static String quote(String s) {
            StringBuilder out = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }

    /**
     * A JSON number as its literal text ({@code 1}, {@code -0.50}, {@code 1e5}).
     *
     * @param literal the exact characters of the number in the document
     */
    record Num(String literal) implements RawJson {
        public Num {
            Objects.requireNonNull(literal, "literal");
        }

        /** True when the literal has no fraction or exponent ({@code 100}, not {@code 100.0} or {@code 1e2}). */
        public boolean isIntegerLiteral() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }

        /** The exact value. */
        public BigDecimal decimal() {
            return new BigDecimal(literal);
        }

        @Override
        public String text() {
            return literal;
        }

        @Override
        public JsonNode toJsonNode() {
            if (isIntegerLiteral()) {
                return FACTORY.numberNode(new BigInteger(literal));
            }
            return FACTORY.numberNode(decimal());
        }

        @Override
        public String toJson() {
            return literal;
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements RawJson {
        @Override
        public String text() {
            return value ? "true" : "false";
        }

        @Override
        public JsonNode toJsonNode() {
            return FACTORY.booleanNode(value);
        }

        @Override
        public String toJson() {
            return text();
        }
    }

    /** {@code null}. */
    record Null() implements RawJson {
        @Override
        public String text() {
            return "null";
        }

        @Override
        public JsonNode toJsonNode() {
            return FACTORY.nullNode();
        }

        @Override
        public String toJson() {
            return "null";
        }
    }

    /** Exact decimals, so no value passes through a {@code double}. */
    JsonNodeFactory FACTORY = JsonNodeFactory.withExactBigDecimals(true);
}
