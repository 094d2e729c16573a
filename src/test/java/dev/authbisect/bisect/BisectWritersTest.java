package dev.authbisect.bisect;

import static dev.authbisect.testkit.GitHistory.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.core.Outcome;
import dev.authbisect.testkit.GitCli;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BisectWritersTest {
    @TempDir
    Path tmp;

    private static BisectResult linearRun() {
        Dag dag = new Dag();
        dag.chain("c", 10, null);
        return Bisection.on(dag.graph()).bad("c10").good("c1")
                .run((c, v) -> Integer.parseInt(c.substring(1)) >= 7
                        ? new TrialOutcome(Outcome.AUTH_REJECTED, "40101") : TrialOutcome.of(Outcome.OK));
    }

    @Test
    void eachStepReadsAsOneLineWithModuleVersionStepsLeftAndOutcome() {
        List<Step> steps = linearRun().steps();
        assertEquals("testing c5 (module version 5 of 10, ~2 steps left) → OK (good)", BisectText.line(steps.get(0)));
        assertEquals("testing c7 (module version 7 of 10, ~1 step left) → AUTH_REJECTED 40101 (bad)", BisectText.line(steps.get(1)));
    }

    @Test
    void bisectJsonHasTheSchemaTheFirstBadCommitAndEveryStep() throws Exception {
        JsonNode json = dev.authbisect.core.Json.mapper().readTree(BisectJson.render(linearRun()));

        assertEquals("authbisect.bisect/1", json.get("schema").asText());
        assertEquals("found", json.get("status").asText());
        assertEquals("c7", json.get("first_bad").get("id").asText());
        assertEquals("subject of c7", json.get("first_bad").get("subject").asText());
        assertEquals("c10", json.get("start").get("bad").get("id").asText());
        assertEquals(10, json.get("start").get("module_versions").asInt());
        JsonNode first = json.get("steps").get(0);
        assertEquals("c5", first.get("commit").asText());
        assertEquals("bisect", first.get("kind").asText());
        assertEquals("OK", first.get("outcome").asText());
        assertEquals("good", first.get("term").asText());
        assertEquals(5, first.get("module_version_ordinal").asInt());
        assertEquals(2, first.get("steps_left").asInt());
        assertTrue(first.get("reused_from").isNull());
        assertEquals(json.get("steps").size(), json.get("tests_run").asInt());
    }

    @Test
    void theLogHasGitsFormatAndEndsWithTheFirstBadCommit() {
        String log = BisectLog.render(linearRun());
        List<String> commands = log.lines().filter(l -> l.startsWith("git bisect")).toList();

        assertEquals("git bisect start 'c10' 'c1'", commands.get(0));
        assertEquals("git bisect good c5", commands.get(1));
        assertTrue(log.contains("# authbisect: testing c5 (module version 5 of 10, ~2 steps left) → OK (good) [module version c5]\n"), log);
        assertTrue(log.endsWith("# first bad commit: [c7] subject of c7\n"), log);
    }

    @Test
    void gitBisectReplayOfTheLogReachesTheSameFirstBadCommit() throws Exception {
        Path repoDir = tmp.resolve("repo");
        List<String> ids = new ArrayList<>();
        try (GitHistory git = GitHistory.initBare(repoDir)) {
            for (int i = 0; i < 12; i++) {
                git.commit("change " + i, file("module/state", i >= 8 ? "bad" : "good"), file("module/v", "" + i));
                ids.add(git.head().name());
            }
        }
        BisectResult result;
        try (RepoModule repo = new RepoModule(repoDir)) {
            result = Bisection.on(repo.graph()).bad(ids.get(11)).good(ids.get(0)).moduleVersions(repo::moduleVersionOf).run(repo::test);
        }
        Path log = tmp.resolve("bisect.log");
        Files.writeString(log, BisectLog.render(result));

        String replay = GitCli.run(repoDir, "bisect", "replay", log.toString());
        GitCli.run(repoDir, "bisect", "reset");

        assertEquals(ids.get(8), ((BisectResult.Found) result).commit().id());
        assertTrue(replay.contains(ids.get(8) + " is the first bad commit"), replay);
    }
}
