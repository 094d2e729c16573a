package dev.authbisect.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.core.ExitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A position in a located YAML tree with typed, validating accessors. Every error is one line:
 * {@code config F:line:col: field: expected …, got …}.
 */
public final class YamlCursor {
    /** Longer timeouts are a typo, and overflow the HTTP client's limits. */
    static final Duration MAX_DURATION = Duration.ofHours(24);

    private final YamlLocations doc;
    private final String pointer;
    private final JsonNode node;

    private YamlCursor(YamlLocations doc, String pointer, JsonNode node) {
        this.doc = doc;
        this.pointer = pointer;
        this.node = node;
    }

    public static YamlCursor root(YamlLocations doc) {
        return new YamlCursor(doc, "", doc.root());
    }

    /** The document this cursor reads (for errors about keys: {@link YamlLocations#unknownKey}). */
    public YamlLocations doc() {
        return doc;
    }

    public String pointer() {
        return pointer;
    }

    public JsonNode node() {
        return node;
    }

    public String where() {
        return doc.where(pointer);
    }

    public ExitException error(String message) {
        return doc.error(pointer, message);
    }

    /** The one error form: "where: field: expected {@code expected}, got {@code got}". */
    public ExitException expected(String expected, String got) {
        return doc.error(pointer, "expected " + expected + ", got " + got);
    }

    /** A cursor at {@code pointer} of {@code doc} (a JSON pointer such as {@code /keys/0}). */
    public static YamlCursor at(YamlLocations doc, String pointer) {
        JsonNode n = doc.root() == null ? null : doc.root().at(pointer);
        return new YamlCursor(doc, pointer, n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n);
    }

    public boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Requires a mapping whose keys are all in {@code allowed}. */
    public YamlCursor object(String... allowed) {
        if (!node.isObject()) {
            throw error("expected a mapping with keys " + String.join(", ", allowed) + ", got " + describe(node));
        }
        Set<String> ok = new TreeSet<>(Arrays.asList(allowed));
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ok.contains(name)) {
                throw doc.unknownKey(pointer + "/" + YamlLocations.escape(name), name, ok);
            }
        }
        return this;
    }

    public YamlCursor get(String key) {
        JsonNode child = node == null ? null : node.get(key);
        return new YamlCursor(doc, pointer + "/" + YamlLocations.escape(key), child == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : child);
    }

    public YamlCursor required(String key, String expected) {
        YamlCursor c = get(key);
        if (c.isMissing()) {
            throw doc.missing(pointer, c.pointer, expected);
        }
        return c;
    }

    public String text(String expected) {
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) {
            throw error("expected " + expected + ", got " + describe(node));
        }
        return node.asText();
    }

    public Optional<String> optText(String key, String expected) {
        YamlCursor c = get(key);
        return c.isMissing() ? Optional.empty() : Optional.of(c.text(expected));
    }

    public int integer(int min, String expected) {
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > Integer.MAX_VALUE) {
            throw error("expected " + expected + ", got " + describe(node));
        }
        return node.asInt();
    }

    public boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    public List<YamlCursor> list(String expected) {
        if (!node.isArray()) {
            throw error("expected " + expected + ", got " + describe(node));
        }
        List<YamlCursor> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlCursor(doc, pointer + "/" + i, node.get(i)));
        }
        return out;
    }

    /** A list of strings; a single string is accepted as a one-element list when {@code allowScalar}. */
    public List<String> strings(String expected, boolean allowScalar) {
        if (allowScalar && node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        for (YamlCursor c : list(expected)) {
            out.add(c.text(expected));
        }
        return out;
    }

    public Map<String, YamlCursor> entries(String expected) {
        if (!node.isObject()) {
            throw error("expected " + expected + ", got " + describe(node));
        }
        Map<String, YamlCursor> out = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(k -> out.put(k, get(k)));
        return out;
    }

    /** A duration ({@link Durations}: 500ms, 30s, 5m, 1h, PT30S, a bare number of seconds), positive, at most 24h. */
    public Duration duration() {
        return duration(false, false);
    }

    /** Like {@link #duration()}, zero allowed. */
    public Duration nonNegativeDuration() {
        return duration(true, false);
    }

    /** Like {@link #duration()} but zero and a leading '-' ("-30s", "-PT30S") are allowed; at most 24h either way. */
    public Duration signedDuration() {
        return duration(true, true);
    }

    private Duration duration(boolean allowZero, boolean allowNegative) {
        Duration d = Durations.parse(node).orElseThrow(() -> error("expected " + Durations.EXPECTED + ", got " + describe(node)));
        if (d.isNegative() && !allowNegative) {
            throw error("expected a duration that is not negative, got " + describe(node));
        }
        if (d.isZero() && !allowZero) {
            throw error("expected a positive duration, got " + describe(node));
        }
        if (d.abs().compareTo(MAX_DURATION) > 0) {
            throw error("expected a duration of at most 24h, got " + describe(node));
        }
        return d;
    }

    public <T> T map(Function<YamlCursor, T> f) {
        return f.apply(this);
    }

    /** What a value is, for "got …": its text quoted (cut at 60), or a mapping, a list, nothing. */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        String text = n.asText();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "…";
        }
        return (n.isTextual() ? "'" : "") + text + (n.isTextual() ? "'" : "");
    }
}
