package dev.authbisect.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code result.json} (schema {@code authbisect.result/2}, snake_case keys, described by the JSON
 * Schema {@code src/main/resources/schemas/result-2.schema.json}, named in each file's {@code $schema}). Files of
 * schema {@code authbisect.result/1} are read too: they have the same fields; only their row ids
 * ({@code mv1}, {@code mv2} … by position) and key ids (hashed with a per-cache key) are not comparable
 * across runs and machines.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = Json.mapper();

    /** The {@code $id} of the JSON Schema of {@code result.json}, written as its {@code $schema}. */
    public static final String SCHEMA_ID = "urn:authbisect:schema:result:2";
    /** Where that JSON Schema is, in the jar (and under src/main/resources in the repository). */
    public static final String SCHEMA_RESOURCE = "schemas/result-2.schema.json";

    /** The schemas {@link #read} accepts, oldest first. */
    public static final java.util.List<String> READABLE_SCHEMAS = java.util.List.of("authbisect.result/1", RunResult.SCHEMA);

    private ResultJson() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), tree(result));
    }

    public static String toJson(RunResult result) {
        try {
            return MAPPER.writeValueAsString(tree(result));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The result as JSON, led by {@code $schema}: the {@code $id} of the published JSON Schema
     * ({@value #SCHEMA_ID}, the file {@value #SCHEMA_RESOURCE} in the jar and under src/main/resources). A result
     * of an older schema (re-rendered by {@code report}) is written as it was read, without it.
     */
    private static JsonNode tree(RunResult result) {
        return RunResult.SCHEMA.equals(result.schema()) ? Json.withSchema(SCHEMA_ID, result) : MAPPER.valueToTree(result);
    }

    /** Reads a result file; a missing or malformed file is a usage error with one line. */
    public static RunResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw ExitException.usage("result file " + file + ": not found (expected a result.json written by 'authbisect run')");
        }
        try {
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw ExitException.usage("result file " + file + ": cannot read (" + oneLine(e.getMessage()) + ")");
        }
    }

    /** Parses the bytes of a result file read from {@code file} (a path, or e.g. {@code git:REF:PATH}, for messages). */
    public static RunResult parse(String file, byte[] json) {
        try {
            RunResult r = MAPPER.readValue(json, RunResult.class);
            if (!READABLE_SCHEMAS.contains(r.schema())) {
                throw ExitException.usage("result file " + file + ": schema '" + r.schema() + "', expected '" + RunResult.SCHEMA
                        + "' or an older one this authbisect reads (" + String.join(", ", READABLE_SCHEMAS)
                        + "); a newer schema needs a newer authbisect");
            }
            return r;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            String why = e instanceof com.fasterxml.jackson.core.JsonParseException ? "not JSON: " + oneLine(e.getOriginalMessage())
                    : "expected the fields of schema " + RunResult.SCHEMA + " as written by 'authbisect run'";
            throw ExitException.usage("result file " + file + where + ": not a valid result.json (" + why + ")");
        } catch (IOException e) {
            throw ExitException.usage("result file " + file + ": cannot read (" + oneLine(e.getMessage()) + ")");
        }
    }

    private static String oneLine(String message) {
        String m = message == null ? "" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 299) + "…" : m;
    }
}
