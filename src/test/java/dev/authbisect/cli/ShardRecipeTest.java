package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The distributed recipes under harness-config/ci/ parse, split the run into as many shards as they say, pass each
 * runner its shard, carry the shards' reports to one merge step, and run only authbisect commands and options that exist.
 */
class ShardRecipeTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theGithubWorkflowRunsAShardMatrixAndMergesTheArtifacts() throws Exception {
        JsonNode wf = YAML.readTree(Files.readString(CiRecipeTest.CI.resolve("github-shards.yml")));
        int shards = Integer.parseInt(wf.path("env").path("SHARDS").asText());
        JsonNode shardJob = wf.path("jobs").path("shard");
        JsonNode matrix = shardJob.path("strategy").path("matrix").path("shard");
        List<Integer> values = new ArrayList<>();
        matrix.forEach(v -> values.add(v.asInt()));
        assertEquals(java.util.stream.IntStream.rangeClosed(1, shards).boxed().toList(), values, "the matrix is 1 … SHARDS");
        assertEquals(false, shardJob.path("strategy").path("fail-fast").asBoolean(true), "every shard runs");

        List<String> shardScripts = scripts(shardJob);
        List<CiRecipeTest.Invocation> runs = CiRecipeTest.invocations(shardScripts);
        CiRecipeTest.assertCommandsExist(runs);
        CiRecipeTest.Invocation run = runs.stream().filter(c -> c.command().equals("run")).findFirst().orElseThrow();
        assertEquals("$shard", run.value("--shard"));
        assertTrue(run.script().contains("shard=\"$SHARD/$SHARDS\""), run.script());
        String out = run.value("--out");
        assertEquals("reports/shard-$SHARD", out);
        JsonNode upload = step(shardJob, "actions/upload-artifact@");
        assertEquals("authbisect-shard-${{ matrix.shard }}", upload.path("with").path("name").asText());
        assertEquals("reports/shard-${{ matrix.shard }}/", upload.path("with").path("path").asText());
        assertEquals("always()", upload.path("if").asText());

        JsonNode mergeJob = wf.path("jobs").path("merge");
        assertEquals("shard", mergeJob.path("needs").asText());
        assertEquals("always()", mergeJob.path("if").asText(), "merge runs to name missing shards");
        JsonNode download = step(mergeJob, "actions/download-artifact@");
        assertEquals("authbisect-shard-*", download.path("with").path("pattern").asText());
        String into = download.path("with").path("path").asText();
        List<CiRecipeTest.Invocation> merges = CiRecipeTest.invocations(scripts(mergeJob));
        CiRecipeTest.assertCommandsExist(merges);
        CiRecipeTest.Invocation merge = merges.stream().filter(c -> c.command().equals("merge")).findFirst().orElseThrow();
        assertEquals(into + "/authbisect-shard-*/result.json", merge.words().get(0), "merge reads every downloaded shard");
        assertTrue(merge.script().contains("exit $code"), "the job fails with the run's exit code");
    }

    @Test
    void theKubernetesIndexedJobPassesItsIndexAsTheShardAndTheMergeJobReadsEveryShard() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).readValues(Files.readString(CiRecipeTest.CI.resolve("k8s-indexed-job.yaml")))) {
            while (it.hasNext()) {
                docs.add((JsonNode) it.next());
            }
        }
        JsonNode job = docs.stream().filter(d -> d.path("kind").asText().equals("Job")).findFirst().orElseThrow();
        JsonNode spec = job.path("spec");
        assertEquals("Indexed", spec.path("completionMode").asText());
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        String shards = null;
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals("SHARDS")) {
                shards = e.path("value").asText();
            }
        }
        assertNotNull(shards);
        assertEquals(Integer.parseInt(shards), spec.path("completions").asInt(), "one completion per shard");
        String script = container.path("args").get(0).asText();
        assertTrue(script.contains("k=$((JOB_COMPLETION_INDEX + 1))") && script.contains("shard=\"$k/$SHARDS\""), script);
        List<CiRecipeTest.Invocation> calls = CiRecipeTest.invocations(List.of(script));
        CiRecipeTest.assertCommandsExist(calls);
        assertTrue(calls.stream().anyMatch(c -> "$shard".equals(c.value("--shard")) && "/results/shard-$k".equals(c.value("--out"))));
        assertTrue(calls.stream().anyMatch(c -> "/results/shard-$k".equals(c.value("--resume"))), "a retried index resumes");
        String claim = claim(job, "results");

        JsonNode merge = YAML.readTree(Files.readString(CiRecipeTest.CI.resolve("k8s-merge-job.yaml")));
        assertEquals("Job", merge.path("kind").asText());
        String mergeScript = merge.path("spec").path("template").path("spec").path("containers").get(0).path("args").get(0).asText();
        List<CiRecipeTest.Invocation> merges = CiRecipeTest.invocations(List.of(mergeScript));
        CiRecipeTest.assertCommandsExist(merges);
        assertEquals("/results/shard-*/result.json", merges.get(0).words().get(0));
        assertEquals(claim, claim(merge, "results"), "the merge reads the volume the shards wrote");
    }

    private static String claim(JsonNode job, String volume) {
        for (JsonNode v : job.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.path("persistentVolumeClaim").path("claimName").asText();
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    private static JsonNode step(JsonNode job, String uses) {
        for (JsonNode s : job.path("steps")) {
            if (s.path("uses").asText().startsWith(uses)) {
                return s;
            }
        }
        throw new AssertionError("no step " + uses);
    }

    private static List<String> scripts(JsonNode job) {
        List<String> out = new ArrayList<>();
        job.path("steps").forEach(s -> {
            if (s.has("run")) {
                out.add(s.get("run").asText());
            }
        });
        return out;
    }
}
