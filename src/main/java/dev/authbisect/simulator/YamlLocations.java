package dev.authbisect.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a YAML document sits: a map from JSON pointer ({@code /keys/0/permissions})
 * to the line and column of its value, and of its key ({@code pointer + "#key"}), built by
 * walking the parser's token stream. Used to name {@code file:line:column} in semantic errors.
 */
final class YamlLocations {
    /** A 1-based line and column. */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private final Map<String, Position> positions = new HashMap<>();

    static YamlLocations of(JsonParser parser) throws IOException {
        YamlLocations locations = new YamlLocations();
        if (parser.nextToken() != null) {
            locations.walk(parser, "");
        }
        return locations;
    }

    private void walk(JsonParser p, String pointer) throws IOException {
        JsonToken token = p.currentToken();
        positions.put(pointer, position(p.currentTokenLocation()));
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = pointer + "/" + escape(p.currentName());
                positions.put(child + "#key", position(p.currentTokenLocation()));
                p.nextToken();
                walk(p, child);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, pointer + "/" + index++);
            }
        }
    }

    private static Position position(JsonLocation location) {
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The position of the value at {@code pointer}, else of its nearest ancestor. */
    Position valueAt(String pointer) {
        return nearest(pointer).orElse(new Position(1, 1));
    }

    /** The position of the key naming {@code pointer}, else of its value. */
    Position keyAt(String pointer) {
        Position key = positions.get(pointer + "#key");
        return key != null ? key : valueAt(pointer);
    }

    private Optional<Position> nearest(String pointer) {
        String p = pointer;
        while (true) {
            Position found = positions.get(p);
            if (found != null) {
                return Optional.of(found);
            }
            if (p.isEmpty()) {
                return Optional.empty();
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
