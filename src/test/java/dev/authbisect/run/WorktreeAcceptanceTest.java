package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uncommitted changes: said once when not tested; {@code --worktree} tests them as a row outside the verdicts. */
class WorktreeAcceptanceTest {
    @TempDir
    Path dir;

    private static Map<String, String> cells(Path out, String row) throws Exception {
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonNode c : result.get("cells")) {
            if (c.get("row").asText().equals(row)) {
                m.put(c.get("env").asText() + " " + c.get("call").asText(), c.get("outcome").asText());
            }
        }
        return m;
    }

    /** The id of the run's only module-version row (a module version hash, see RowIds). */
    private static String onlyVersionRow(Path out) throws Exception {
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (JsonNode r : result.get("rows")) {
            if (r.get("kind").asText().equals("module_version")) {
                ids.add(r.get("id").asText());
            }
        }
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }

    @Test
    void uncommittedChangesUnderTheModuleAreSaidOnceAndNotTested() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        PipelineFixture.Result clean = fx.run("--range", fx.only("footer"), "--env", "office");
        assertFalse(clean.err().contains("uncommitted"), clean.err());

        Files.writeString(dir.resolve("repo/web/draft.html"), "<p>not the module</p>\n");
        Files.writeString(dir.resolve("repo/broker/client.py"), PipelineFixture.res("client_v2.py"));
        Files.writeString(dir.resolve("repo/broker/notes.py"), "# new, untracked\n");
        PipelineFixture.Result r = fx.run("--range", fx.only("footer"), "--env", "office");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("uncommitted")).count(), r.err());
        assertTrue(r.err().contains("authbisect: uncommitted changes are not tested: 2 files under the module paths"
                + " (broker/client.py, broker/notes.py) differ from HEAD; add --worktree to test them as a row"), r.err());
        JsonNode result = new ObjectMapper().readTree(fx.out().resolve("result.json").toFile());
        assertTrue(result.get("warnings").toString().contains("they are not tested: run with --worktree"), result.toString());
        assertFalse(cells(fx.out(), "worktree").size() > 0);
    }

    @Test
    void worktreeAddsTheWorkingTreeAsARowThatNeverEntersTheVerdicts() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        Files.writeString(dir.resolve("repo/broker/client.py"), PipelineFixture.res("client_v2.py")); // signs balance wrongly
        PipelineFixture.Result r = fx.run("--range", fx.only("footer"), "--env", "office", "--worktree");
        assertEquals(3, r.code(), "a failing working-tree cell fails the run: " + r.err());
        assertTrue(r.err().contains("testing the uncommitted working tree as row 'worktree': 1 file under the module paths"
                + " (broker/client.py) differs from HEAD"), r.err());
        assertTrue(r.err().contains("worktree × office: open_orders=0 SUCCESS, balance=40101 UNAUTHORIZED"), r.err());
        assertEquals(Map.of("office open_orders", "OK", "office balance", "AUTH_REJECTED"), cells(fx.out(), "worktree"));
        String headRow = onlyVersionRow(fx.out());
        assertEquals(Map.of("office open_orders", "OK", "office balance", "OK"), cells(fx.out(), headRow));
        JsonNode result = new ObjectMapper().readTree(fx.out().resolve("result.json").toFile());
        assertTrue(result.toString().contains("\"kind\":\"worktree\""), "the row's kind");
        for (JsonNode v : result.get("verdicts")) {
            assertEquals("PASS", v.get("verdict").asText(), "the committed history passes: " + v);
        }
        String head = fx.commits.get("footer").name().substring(0, 7);
        assertTrue(result.get("warnings").toString().contains("The working tree gets 40101 UNAUTHORIZED for balance under office"
                + " where HEAD " + head + " (" + headRow + ") gets "), result.get("warnings").toString());
        String html = Files.readString(fx.out().resolve("index.html"));
        assertTrue(html.contains("<tr id=\"row-worktree\">"), "a row in the matrix");
        assertTrue(html.contains("working tree<span class=\"tag wt\">uncommitted</span>"), "labelled as the working tree");
        assertTrue(html.contains("--range &#39;HEAD^!&#39; --worktree --env office --call balance"), "its repro command");
    }

    @Test
    void worktreeWithoutChangesAddsNoRowAndSaysSo() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        PipelineFixture.Result r = fx.run("--range", fx.only("footer"), "--env", "office", "--worktree");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("--worktree: the working tree has no uncommitted changes under the module paths; no worktree row"),
                r.err());
        assertEquals(Map.of(), cells(fx.out(), "worktree"));
    }

    @Test
    void aWorkingTreeSymlinkOutsideTheModuleIsRefusedLikeOneInAHostileTree() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("repo/broker/evil"), outside);
        PipelineFixture.Result r = fx.run("--range", fx.only("footer"), "--env", "office", "--worktree");
        assertEquals(Map.of("office open_orders", "SKIPPED", "office balance", "SKIPPED"), cells(fx.out(), "worktree"), r.err());
        JsonNode result = new ObjectMapper().readTree(fx.out().resolve("result.json").toFile());
        boolean said = false;
        for (JsonNode c : result.get("cells")) {
            if (c.get("row").asText().equals("worktree")) {
                said |= c.get("diagnosis").asText().contains("working tree entry broker/evil: symlink to a path outside the module");
            }
        }
        assertTrue(said, result.get("cells").toString());
        try (var left = Files.list(outside)) {
            assertEquals(0, left.count(), "nothing written through the link");
        }
    }
}
