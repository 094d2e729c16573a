package dev.authbisect.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document read into a Jackson tree together with the line:column of every value and
 * key, addressed by JSON pointer ({@code /environments/1/upstream}), so validation errors can
 * name {@code file:line:column}.
 */
public final class YamlLocations {
    /** Duplicate mapping keys are an error, not "the last one wins". */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final String displayName;
    private final JsonNode root;
    private final Map<String, Position> valueAt;
    private final Map<String, Position> keyAt;

    /** A 1-based line and column, shown as {@code line:column}. */
    public record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    private YamlLocations(String displayName, JsonNode root, Map<String, Position> valueAt, Map<String, Position> keyAt) {
        this.displayName = displayName;
        this.root = root;
        this.valueAt = valueAt;
        this.keyAt = keyAt;
    }

    /**
     * Parses {@code text} (the content of {@code file}). Malformed YAML is a usage error naming
     * {@code file:line:column}. {@code what} names the kind of file in messages ("config", "scenario").
     */
    public static YamlLocations parse(Path file, String text, String what) {
        return parse(file.toString(), text, what);
    }

    /** {@link #parse(Path, String, String)} for a file named {@code file} in messages. */
    public static YamlLocations parse(String file, String text, String what) {
        String display = what + " " + file;
        Map<String, Position> values = new HashMap<>();
        Map<String, Position> keys = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            index(p, values, keys); // the first document only, as the mapper reads it
        } catch (IOException e) {
            throw malformed(display, e, text);
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                root = MAPPER.createObjectNode();
            }
            return new YamlLocations(display, root, values, keys);
        } catch (IOException e) {
            throw malformed(display, e, text);
        }
    }

    /** Records the position of every value and key the parser reads, by JSON pointer; the first occurrence wins. */
    private static void index(JsonParser p, Map<String, Position> values, Map<String, Position> keys) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            JsonLocation loc = p.currentTokenLocation();
            Position at = new Position(loc.getLineNr(), loc.getColumnNr());
            if (t == JsonToken.FIELD_NAME) {
                String ptr = p.getParsingContext().pathAsPointer().toString();
                keys.putIfAbsent(ptr, at);
            } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                String ptr = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    // the context of a start token is the new container; its pointer is the parent's entry
                    ptr = p.getParsingContext().getParent() == null ? "" : p.getParsingContext().getParent().pathAsPointer().toString();
                }
                values.putIfAbsent(ptr, at);
            }
            if (p.getParsingContext().inRoot()) {
                return;
            }
        }
    }

    private static ExitException malformed(String display, IOException e, String text) {
        String where = "";
        String problem = e.getMessage();
        JsonLocation loc = null;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            loc = jpe.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                where = ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            }
            problem = jpe.getOriginalMessage();
        }
        problem = problem == null ? "unreadable" : summary(problem);
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate field '(.*)'$").matcher(problem);
        if (dup.matches()) {
            if (loc != null && loc.getLineNr() > 0) { // the parser stands after the key: point at the key itself
                String line = text.lines().skip(loc.getLineNr() - 1).findFirst().orElse("");
                int at = line.indexOf(dup.group(1));
                where = ":" + loc.getLineNr() + ":" + (at >= 0 ? at + 1 : loc.getColumnNr());
            }
            return ExitException.usage(display + where + ": duplicate key '" + dup.group(1)
                    + "' (each key may appear once in a mapping; remove one of them)");
        }
        return ExitException.usage(display + where + ": malformed YAML: " + problem);
    }

    /** SnakeYAML's first line ("while parsing a flow sequence") plus its "expected …" line, without the excerpt. */
    private static String summary(String message) {
        java.util.List<String> lines = message.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        String first = lines.isEmpty() ? "unreadable" : lines.get(0);
        String expected = lines.stream().skip(1).filter(l -> l.startsWith("expected") || l.contains(" expected ")
                || l.startsWith("mapping values") || l.startsWith("found")).findFirst().orElse("");
        return expected.isEmpty() ? first : first + ": " + expected;
    }

    public JsonNode root() {
        return root;
    }

    /** "config harness-config/x.yaml:14:5" for the value at {@code pointer} (or its nearest located parent; 1:1 in an empty file). */
    public String where(String pointer) {
        return displayName + ":" + valueAt(pointer).orElse(new Position(1, 1));
    }

    /** Like {@link #where} but points at the key itself (for unknown keys). */
    public String whereKey(String pointer) {
        return displayName + ":" + keyAt(pointer).orElse(new Position(1, 1));
    }

    /** Where the value at {@code pointer} starts, else its nearest located ancestor; empty only for an empty document. */
    public Optional<Position> valueAt(String pointer) {
        String p = pointer;
        while (true) {
            Position at = valueAt.get(p);
            if (at != null) {
                return Optional.of(at);
            }
            if (p.isEmpty()) {
                return Optional.empty();
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Where the key naming {@code pointer} sits, else {@link #valueAt}. */
    public Optional<Position> keyAt(String pointer) {
        Position at = keyAt.get(pointer);
        return at != null ? Optional.of(at) : valueAt(pointer);
    }

    /** A mapping key as one JSON pointer segment: "a/b" → "a~1b". */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * A usage error "where: field: message" — the one error form of every YAML file authbisect
     * reads: {@code config F:LINE:COL: environments[1].upstream: expected an http(s) URL or
     * sim:<scenario>, got 'htps://…'} (messages say "expected …, got …").
     */
    public ExitException error(String pointer, String message) {
        return ExitException.usage(where(pointer) + ": " + field(pointer) + ": " + message);
    }

    /** "whereKey: field: unknown key 'name' (expected one of: a, b)", pointing at the key itself. */
    public ExitException unknownKey(String pointer, String name, java.util.Collection<String> allowed) {
        return ExitException.usage(whereKey(pointer) + ": " + field(pointer) + ": unknown key '" + name
                + "' (expected one of: " + String.join(", ", allowed) + ")");
    }

    /** "where(parent): field: missing (expected …)" for a required key absent from the mapping at {@code parent}. */
    public ExitException missing(String parent, String pointer, String expected) {
        return ExitException.usage(where(parent) + ": " + field(pointer) + ": missing (expected " + expected + ")");
    }

    /** "/environments/1/upstream" → "environments[1].upstream". */
    public static String field(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(name);
            }
        }
        return out.length() == 0 ? "(top level)" : out.toString();
    }
}
