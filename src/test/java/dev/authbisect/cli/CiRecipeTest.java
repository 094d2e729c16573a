package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The ready CI files under harness-config/ci/ parse, do what README "Nightly drift" says (schedule,
 * cache of authbisect's cache folder, credentials from secrets, baseline from a branch, report
 * uploaded, summary.md to the job summary) and run only authbisect commands and options that exist.
 */
class CiRecipeTest {
    static final Path CI = Path.of("harness-config", "ci");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern INVOCATION = Pattern.compile("(?m)^\\s*(?:-\\s+)?authbisect\\s+(\\S+)(.*)$");
    static final Pattern OPTION = Pattern.compile("(?<=\\s|^)(--[a-z][a-z-]*)");
    static final Pattern OPTION_VAR = Pattern.compile("(\\w+)=\"(--[a-z][a-z-]*)\"");

    /** An authbisect command line found in a script: the subcommand and its words. */
    record Invocation(String command, List<String> words, String script) {
        String value(String option) {
            int i = words.indexOf(option);
            return i < 0 || i + 1 >= words.size() ? null : words.get(i + 1).replace("\"", "");
        }
    }

    private static JsonNode read(String name) throws Exception {
        return YAML.readTree(Files.readString(CI.resolve(name)));
    }

    static List<Invocation> invocations(List<String> scripts) {
        List<Invocation> out = new ArrayList<>();
        for (String script : scripts) {
            Matcher m = INVOCATION.matcher(script);
            while (m.find()) {
                List<String> words = new ArrayList<>(List.of(m.group(2).trim().split("\\s+")));
                Matcher var = OPTION_VAR.matcher(script);
                while (var.find()) {
                    if (m.group(2).contains("$" + var.group(1))) {
                        words.add(var.group(2));  // e.g. update="--update-baseline" passed as $update
                    }
                }
                out.add(new Invocation(m.group(1), words, script));
            }
        }
        return out;
    }

    /** Every option of every invocation exists on that subcommand. */
    static void assertCommandsExist(List<Invocation> calls) {
        CommandLine cli = AuthBisect.commandLine();
        assertFalse(calls.isEmpty());
        for (Invocation call : calls) {
            CommandLine sub = cli.getSubcommands().get(call.command());
            assertNotNull(sub, "authbisect has no command '" + call.command() + "'");
            for (String word : call.words()) {
                Matcher o = OPTION.matcher(word);
                if (o.matches()) {
                    assertNotNull(sub.getCommandSpec().findOption(word), "authbisect " + call.command() + " has no option " + word);
                }
            }
            for (CommandLine.Model.OptionSpec required : sub.getCommandSpec().options().stream()
                    .filter(CommandLine.Model.OptionSpec::required).toList()) {
                assertTrue(call.words().contains(required.longestName()), "authbisect " + call.command() + " needs "
                        + required.longestName() + ": " + call.words());
            }
        }
    }

    @Test
    void theGithubWorkflowRunsNightlyWithCacheSecretsBaselineUploadAndStepSummary() throws Exception {
        JsonNode wf = read("github-nightly.yml");
        JsonNode on = wf.has("on") ? wf.get("on") : wf.get("true");
        assertNotNull(on, "an 'on' trigger");
        assertTrue(on.path("schedule").get(0).path("cron").asText().matches("[0-9*/, -]+( [0-9*/, -]+){4}"), "a cron schedule");
        assertEquals("boolean", on.path("workflow_dispatch").path("inputs").path("update_baseline").path("type").asText());
        JsonNode steps = wf.path("jobs").path("drift").path("steps");
        assertTrue(steps.isArray() && steps.size() > 5);
        List<String> scripts = new ArrayList<>();
        String cacheFolder = wf.path("env").path("AUTHBISECT_CACHE").asText();
        assertTrue(cacheFolder.endsWith("/.authbisect-cache"), cacheFolder);
        boolean restoresCache = false;
        boolean savesCacheAlways = false;
        JsonNode upload = null;
        boolean secrets = false;
        for (JsonNode step : steps) {
            String uses = step.path("uses").asText();
            if (uses.startsWith("actions/cache/restore@") && step.path("with").path("path").asText().equals(".authbisect-cache")) {
                restoresCache = true;
            }
            if (uses.startsWith("actions/cache/save@") && step.path("with").path("path").asText().equals(".authbisect-cache")) {
                savesCacheAlways = step.path("if").asText().equals("always()");
            }
            if (uses.startsWith("actions/upload-artifact@")) {
                upload = step;
            }
            if (step.has("run")) {
                scripts.add(step.get("run").asText());
                for (Map.Entry<String, JsonNode> e : iterable(step.path("env"))) {
                    secrets |= e.getValue().asText().matches("\\$\\{\\{ secrets\\.[A-Z_]+ }}");
                }
            }
        }
        assertTrue(restoresCache && savesCacheAlways, "authbisect's cache folder is restored and saved even when drift fails");
        assertTrue(secrets, "credentials come from repository secrets");
        List<Invocation> calls = invocations(scripts);
        assertCommandsExist(calls);
        Invocation drift = calls.stream().filter(c -> c.command().equals("drift")).findFirst().orElseThrow();
        assertEquals("$BASELINE", drift.value("--baseline"));
        assertTrue(wf.path("env").path("BASELINE").asText().startsWith("git:" + wf.path("env").path("BASELINE_BRANCH").asText() + ":"),
                "the baseline comes from the baseline branch");
        assertTrue(drift.words().contains("--update-baseline"), "the first night (and an accepted night) writes the baseline");
        String out = drift.value("--out");
        assertTrue(drift.script().contains("cat " + out + "/summary.md >> \"$GITHUB_STEP_SUMMARY\""), "summary.md goes to the job summary");
        assertNotNull(upload, "the report is uploaded");
        assertEquals("always()", upload.path("if").asText());
        String uploaded = upload.path("with").path("path").asText();
        assertTrue(uploaded.contains(out + "/"), uploaded);
        assertTrue(uploaded.contains(drift.value("--history")), uploaded);
        assertTrue(uploaded.contains(drift.value("--history").replace(".jsonl", ".html")), "the trend page beside the history");
        assertTrue(drift.script().contains("exit $code"), "the job fails with drift's exit code");
    }

    @Test
    void theGitlabJobRunsOnScheduleWithCacheBaselineArtifactsAndJunit() throws Exception {
        JsonNode job = read("gitlab-ci.yml").path("authbisect-drift");
        assertTrue(job.path("rules").toString().contains("$CI_PIPELINE_SOURCE == \\\"schedule\\\""), job.path("rules").toString());
        assertEquals("$CI_PROJECT_DIR/.authbisect-cache", job.path("variables").path("AUTHBISECT_CACHE").asText());
        assertTrue(job.path("cache").toString().contains(".authbisect-cache/"));
        List<String> scripts = new ArrayList<>();
        job.path("before_script").forEach(s -> scripts.add(s.asText()));
        job.path("script").forEach(s -> scripts.add(s.asText()));
        List<Invocation> calls = invocations(scripts);
        assertCommandsExist(calls);
        Invocation drift = calls.stream().filter(c -> c.command().equals("drift")).findFirst().orElseThrow();
        assertTrue(drift.value("--baseline").startsWith("git:$BASELINE_BRANCH:"), drift.words().toString());
        assertEquals(drift.value("--out") + "/junit.xml", job.path("artifacts").path("reports").path("junit").asText());
        assertEquals("always", job.path("artifacts").path("when").asText());
        assertTrue(job.path("artifacts").path("paths").toString().contains(drift.value("--history")));
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
