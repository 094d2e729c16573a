package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON with Jackson's streaming parser into a {@link RawJson} tree, taking each number
 * token's text ({@link JsonParser#getText()}) instead of its value, so nothing passes through a
 * {@code double}.
 */
public final class RawJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private RawJsonReader() {
    }

    /** A body that is not one well-formed JSON value. The message names where and what. */
    public static final class MalformedJsonException extends Exception {
        public MalformedJsonException(String message) {
            super(message);
        }
    }

    /** Parses exactly one JSON value (trailing whitespace allowed, nothing else). */
    public static RawJson read(byte[] json) throws MalformedJsonException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException("empty body, expected a JSON value");
            }
            RawJson value = value(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedJsonException("trailing content after the JSON value at "
                        + parser.currentTokenLocation().offsetDescription());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJsonException("not JSON: " + e.getMessage());
        }
    }

    /** Parses a UTF-8 string; see {@link #read(byte[])}. */
    public static RawJson read(String json) throws MalformedJsonException {
        return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static RawJson value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, RawJson> members = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    RawJson v = value(parser, parser.nextToken());
                    members.put(name, v); // a repeated name keeps its first place and its last value, as Python's json does
                }
                return new RawJson.Obj(members);
            }
            case START_ARRAY: {
                List<RawJson> elements = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    elements.add(value(parser, t));
                }
                return new RawJson.Arr(elements);
            }
            case VALUE_STRING:
                return new RawJson.Str(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new RawJson.Num(parser.getText());
            case VALUE_TRUE:
                return new RawJson.Bool(true);
            case VALUE_FALSE:
                return new RawJson.Bool(false);
            case VALUE_NULL:
                return new RawJson.Null();
            default:
                throw new JsonParseProblem("unexpected token " + token, parser);
        }
    }

    private static final class JsonParseProblem extends com.fasterxml.jackson.core.JsonParseException {
        JsonParseProblem(String message, JsonParser parser) {
            super(parser, message);
        }
    }
}
