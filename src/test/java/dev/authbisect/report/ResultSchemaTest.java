package dev.authbisect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.bisect.BisectJson;
import dev.authbisect.drift.DriftReport;
import dev.authbisect.testkit.JsonSchemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas (src/main/resources/schemas/) are valid draft 2020-12 schemas, named by each file's
 * {@code $schema}, and strict enough to catch a wrong field. Every result.json, bisect.json and drift.json the
 * other tests write is validated against them by {@code SchemaCheckExtension}.
 */
class ResultSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySchemaIsAValidDraft202012SchemaWhoseIdIsWhatTheFilesNameInTheirSchemaField() throws Exception {
        var meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<String, String> ids = Map.of("schemas/result-2.schema.json", ResultJson.SCHEMA_ID,
                "schemas/bisect-1.schema.json", BisectJson.SCHEMA_ID, "schemas/drift-1.schema.json", DriftReport.SCHEMA_ID);
        assertEquals(ids.keySet(), Map.copyOf(JsonSchemas.FILES).values().stream().collect(java.util.stream.Collectors.toSet()));
        for (var e : ids.entrySet()) {
            JsonNode schema;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(e.getKey())) {
                schema = JSON.readTree(in);
            }
            assertEquals(List.of(), meta.validate(schema).stream().map(Object::toString).toList(), e.getKey());
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText(), e.getKey());
            assertEquals(e.getValue(), schema.get("$id").asText(), e.getKey());
            assertEquals(e.getValue(), schema.at("/properties/$schema/const").asText(), e.getKey());
        }
    }

    @Test
    void aWrittenResultNamesItsSchemaAndMeetsIt() throws Exception {
        RunResult seed = ReportFixtures.withEvidence(ReportFixtures.seed());
        JsonNode written = JSON.readTree(ResultJson.toJson(seed));
        assertEquals("$schema", written.fieldNames().next(), "named first");
        assertEquals(ResultJson.SCHEMA_ID, written.get("$schema").asText());
        assertEquals(List.of(), JsonSchemas.problems(written).orElseThrow());
        assertEquals(seed, ResultJson.parse("t", ResultJson.toJson(seed).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "$schema is read back without a trace");
    }

    @Test
    void theExampleReportInTheRepositoryMeetsTheSchema() throws Exception {
        JsonNode example = JSON.readTree(Path.of("reports/example/result.json").toFile());
        assertEquals(List.of(), JsonSchemas.problems(example).orElseThrow());
    }

    @Test
    void theSchemaCatchesAWrongOutcomeAMissingFieldAnUnknownFieldAndACauseOfTheWrongKind() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(ResultJson.toJson(ReportFixtures.withEvidence(ReportFixtures.seed())));
        ((ObjectNode) json.get("cells").get(0)).put("outcome", "MAYBE");
        ((ObjectNode) json.get("verdicts").get(0)).remove("causes");
        json.put("surprise", 1);
        ObjectNode cause = JSON.createObjectNode().put("kind", "code").put("env", "prod").put("reason", "reference_fails_alike")
                .put("detail", "").put("fix", "");
        cause.putArray("transitions");
        ((ObjectNode) json.get("verdicts").get(1)).withArray("causes").add(cause);
        List<String> problems = JsonSchemas.problems(json).orElseThrow();
        String all = String.join("\n", problems);
        assertTrue(all.contains("/cells/0/outcome"), all);
        assertTrue(all.contains("causes"), all);
        assertTrue(all.contains("surprise"), all);
        assertTrue(all.contains("/verdicts/1/causes/1/kind"), "an environment reason under kind code: " + all);
    }

    @Test
    void filesOfOtherSchemasOrNotJsonAreNotJudged(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("result.json"), "{\"schema\": \"authbisect.result/1\", \"rows\": 5}");
        Files.writeString(dir.resolve("broken.json"), "{not json");
        assertEquals(List.of(), JsonSchemas.violations(List.of(dir)));
        Files.writeString(dir.resolve("bad.json"), "{\"schema\": \"authbisect.result/2\"}");
        assertFalse(JsonSchemas.violations(List.of(dir)).isEmpty());
        Files.delete(dir.resolve("bad.json")); // this test's own folder is checked after it, like every test's
    }
}
