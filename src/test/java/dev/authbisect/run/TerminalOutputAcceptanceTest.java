package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.testkit.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit subjects and author names are data from the repository: whatever command prints them,
 * terminal escapes in them (retitle the window, clear the screen, C1 CSI, bidi overrides) arrive
 * as visible characters, never as controls.
 */
class TerminalOutputAcceptanceTest {
    static final String SUBJECT = "sign ids \u001b]0;owned\u0007\u001b[2J\u001b[31mred\u009b1m \u202eevil";
    static final String AUTHOR = "Mallory \u001b[8mhidden\u001b[0m";

    @TempDir
    Path dir;

    private PipelineFixture hostileHistory() throws Exception {
        PipelineFixture fx = PipelineFixture.at(dir);
        Files.writeString(dir.resolve("probe.py"), PipelineFixture.res("probe.py"));
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        Files.writeString(dir.resolve("key.txt"), PipelineFixture.KEY + "\n");
        Files.writeString(dir.resolve("secret.txt"), PipelineFixture.SECRET + "\n");
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.commit("docs: readme", "README.md", "# bot\n");
            fx.commits.put("client", git.commit("add broker client", "broker/__init__.py", "", "broker/client.py",
                    PipelineFixture.res("client_v1.py")).head());
            git.author(AUTHOR);
            fx.commits.put("regression", git.commit(SUBJECT, "broker/client.py", PipelineFixture.res("client_v2.py")).head());
            fx.commits.put("docs", git.commit("docs: usage \u001b[1mbold", "README.md", "# bot\nusage\n").head());
        }
        return fx.config("", "");
    }

    private static void assertNoControls(String what, String text) {
        for (char c : text.toCharArray()) {
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c <= 0x9f
                    || Character.getType(c) == Character.FORMAT;
            assertFalse(control, what + " printed the control U+" + Integer.toHexString(c) + ": " + text);
        }
    }

    @Test
    void bisectPrintsHostileSubjectsAndAuthorsAsVisibleText() throws Exception {
        PipelineFixture fx = hostileHistory();

        PipelineFixture.Result r = fx.cli("bisect", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", dir.resolve("b").toString(), "--good", fx.commits.get("client").name(), "--bad", fx.commits.get("docs").name(),
                "--env", "office", "--call", "balance");

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(fx.commits.get("regression").name() + " is the first bad commit\n"), r.out());
        assertTrue(r.out().contains("    sign ids ␛]0;owned␇␛[2J␛[31mred�1m �evil\n"), r.out());
        assertTrue(r.out().contains("author: Mallory ␛[8mhidden␛[0m"), r.out());
        assertNoControls("bisect stdout", r.out());
        assertNoControls("bisect stderr", r.err());
    }

    @Test
    void runCheckAndErrorsPrintNoControlsEither() throws Exception {
        PipelineFixture fx = hostileHistory();

        PipelineFixture.Result run = fx.run("--env", "office");
        PipelineFixture.Result check = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString());
        PipelineFixture.Result bad = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--env", "no\u001b[2Jsuch");

        assertTrue(run.code() == 3 || run.code() == 0, run.err());
        assertEquals(0, check.code(), check.err());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("no␛[2Jsuch"), bad.err());
        for (PipelineFixture.Result r : List.of(run, check, bad)) {
            assertNoControls("stdout", r.out());
            assertNoControls("stderr", r.err());
        }
    }
}
