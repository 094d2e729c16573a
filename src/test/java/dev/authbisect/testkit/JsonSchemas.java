package dev.authbisect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The published JSON Schemas (src/main/resources/schemas/) and a check of JSON files against them: a file
 * whose {@code schema} field names one of {@link #FILES} is validated against that schema.
 */
public final class JsonSchemas {
    /** The {@code schema} value of a file → its JSON Schema's resource. */
    public static final Map<String, String> FILES = Map.of(
            "authbisect.result/2", "schemas/result-2.schema.json",
            "authbisect.bisect/1", "schemas/bisect-1.schema.json",
            "authbisect.drift/1", "schemas/drift-1.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();
    /** JSON files larger than this are not authbisect's small outputs (or are benchmarks): not read. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private JsonSchemas() {
    }

    /** The schema of the resource, e.g. {@code schemas/result-2.schema.json}. */
    public static Schema schema(String resource) {
        return LOADED.computeIfAbsent(resource, r -> {
            try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("no JSON Schema at " + r + " on the class path");
                }
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What is wrong with {@code json} by the schema its {@code schema} field names; empty when it names none of ours. */
    public static Optional<List<String>> problems(JsonNode json) {
        String resource = json.isObject() ? FILES.get(json.path("schema").asText("")) : null;
        if (resource == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (Error e : schema(resource).validate(json)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return Optional.of(out);
    }

    /**
     * Every {@code *.json} file under {@code dirs} that names one of our schemas and does not meet it, with
     * its problems ("dir/result.json: $.cells[0].outcome: does not have a value in the enumeration …").
     * Files that are not JSON, or name another schema, are not ours to judge (tests write broken ones on purpose).
     */
    public static List<String> violations(List<Path> dirs) {
        List<String> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir, 8)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                    check(f).forEach(p -> out.add(f + ": " + p));
                }
            } catch (IOException | UncheckedIOException e) {
                // a folder a test or a probe removed while we walked: nothing to judge there
            }
        }
        return out;
    }

    private static List<String> check(Path file) {
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return List.of();
            }
            JsonNode json = JSON.readTree(file.toFile());
            return json == null ? List.of() : problems(json).orElse(List.of());
        } catch (IOException e) {
            return List.of(); // not JSON (or gone): not an output of ours
        }
    }
}
