package dev.authbisect.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code result.json} (schema {@code authbisect.result/2}, snake_case keys). Files of
 * schema {@code authbisect.result/1} are read too: they have the same fields; only their row ids
 * ({@code mv1}, {@code mv2} … by position) and key ids (hashed with a per-cache key) are not comparable
 * across runs and machines.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = Json.mapper();

    /** The schemas {@link #read} accepts, oldest first. */
    public static final java.util.List<String> READABLE_SCHEMAS = java.util.List.of("authbisect.result/1", RunResult.SCHEMA);

    private ResultJson() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), result);
    }

    public static String toJson(RunResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
