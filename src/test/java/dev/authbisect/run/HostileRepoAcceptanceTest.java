package dev.authbisect.run;

import static dev.authbisect.workspace.RawTrees.dir;
import static dev.authbisect.workspace.RawTrees.file;
import static dev.authbisect.workspace.RawTrees.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.workspace.RawTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository the user did not write, holding a symlink {@code evil} → a folder outside and a
 * tree {@code evil/} of the same name: the run never writes through the link, and that module
 * version is SKIPPED with the reason — as a local path and as a git URL.
 */
class HostileRepoAcceptanceTest {
    @TempDir
    Path dir;

    private PipelineFixture hostileTarget(Path outside) throws Exception {
        PipelineFixture fx = PipelineFixture.at(dir);
        Files.writeString(dir.resolve("probe.py"), PipelineFixture.res("probe.py"));
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        Files.writeString(dir.resolve("key.txt"), PipelineFixture.KEY + "\n");
        Files.writeString(dir.resolve("secret.txt"), PipelineFixture.SECRET + "\n");
        String client = PipelineFixture.res("client_v4.py");
        try (Repository repo = Git.init().setBare(true).setDirectory(dir.resolve("repo").toFile()).call().getRepository()) {
            RawTrees.commitOnHead(repo, "add broker client",
                    dir("broker", file("__init__.py", ""), file("client.py", client)));
            RawTrees.commitOnHead(repo, "vendor update",
                    dir("broker", file("__init__.py", ""), file("client.py", client),
                            link("evil", outside.toString()), dir("evil", file("pwned.txt", "written through the link\n"))));
        }
        return fx.config("", "");
    }

    private static void assertRefusedAndNothingOutside(PipelineFixture fx, Path outside, PipelineFixture.Result r) throws Exception {
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList(), "the run wrote outside the module folder");
        }
        JsonNode result = new ObjectMapper().readTree(fx.out().resolve("result.json").toFile());
        String hostileRow = "";
        for (JsonNode row : result.path("rows")) { // row ids are module version hashes: find the vendor update's
            for (JsonNode commit : row.path("commits")) {
                if (commit.path("subject").asText().equals("vendor update")) {
                    hostileRow = row.path("id").asText();
                }
            }
        }
        assertFalse(hostileRow.isEmpty(), result.path("rows").toString());
        int refused = 0;
        for (JsonNode cell : result.path("cells")) {
            if (cell.path("row").asText().equals(hostileRow)) {
                assertEquals("SKIPPED", cell.path("outcome").asText(), cell.toString());
                assertEquals("module version refused: tree entry broker/evil: duplicate entry name (another entry of the same "
                        + "tree has it; git fsck: duplicateEntries)", cell.path("diagnosis").asText());
                refused++;
            }
        }
        assertEquals(4, refused, r.err());
        assertTrue(r.err().contains(hostileRow + " × office: open_orders=SKIPPED"), r.err());
        assertTrue(r.code() == 0 || r.code() == 3 || r.code() == 4, "exit " + r.code() + "\n" + r.err());
    }

    @Test
    void aHostileTreeInALocalRepositoryIsSkippedWithTheReasonAndNothingEscapes() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        PipelineFixture fx = hostileTarget(outside);

        PipelineFixture.Result r = fx.run("--no-reference");

        assertRefusedAndNothingOutside(fx, outside, r);
    }

    @Test
    void aHostileTreeBehindAGitUrlIsSkippedTheSameWay() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        PipelineFixture fx = hostileTarget(outside);
        Files.writeString(fx.configFile(), Files.readString(fx.configFile())
                .replace("repo: repo", "repo: \"" + dir.resolve("repo").toUri() + "\""));

        PipelineFixture.Result r = fx.run("--no-reference");

        assertRefusedAndNothingOutside(fx, outside, r);
        assertFalse(Files.exists(dir.resolve("outside/pwned.txt")));
    }
}
