package dev.authbisect.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON dialect of every file authbisect writes ({@code result.json}, {@code bisect.json},
 * {@code drift.json}, {@code journal.jsonl}): snake_case keys, indented, every field written (nulls too),
 * unknown fields ignored when read.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();
    private static final ObjectMapper LINES = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The mapper (snake_case, indented); configured once, never change it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * {@code value} as a JSON object led by {@code "$schema": schemaId}: the {@code $id} of the JSON Schema under
     * {@code schemas/} that describes it (result.json, bisect.json, drift.json).
     */
    public static ObjectNode withSchema(String schemaId, Object value) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("$schema", schemaId);
        out.setAll((ObjectNode) MAPPER.valueToTree(value));
        return out;
    }

    /** The same dialect without indentation: one JSON value per line ({@code .jsonl} files). */
    public static ObjectMapper lines() {
        return LINES;
    }
}
